#!/usr/bin/env bash
# Long fuzz run of one entry path (README, "Reliability"):
#   scripts/fuzz.sh sip  [RUNS]    bytes -> SIP parser/valve checks -> neutral request -> mapping -> stanza
#   scripts/fuzz.sh xmpp [RUNS]    bytes -> XMPP framing -> Smack stanza -> mapping -> SIP request
# RUNS defaults to 1000000 executions. New corpus entries go to gateway-core/.cifuzz-corpus/ (not
# committed); a finding is written as crash-<sha1> into the target's inputs directory under
# gateway-core/src/test/resources/org/stoxgw/core/fuzz/, where the normal build then replays it.
# Fix it, rename the file to finding-NN-<what>, and commit both. Log: gateway-core/target/fuzz-<target>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-}"
runs="${2:-1000000}"
case "$target" in
  sip) class=SipEntryFuzzTest ;;
  xmpp) class=XmppEntryFuzzTest ;;
  *) echo "usage: $0 sip|xmpp [RUNS]" >&2; exit 2 ;;
esac
mkdir -p gateway-core/target
log="gateway-core/target/fuzz-$target.log"
echo "fuzzing $class for $runs executions; log: $log"
set +e
JAZZER_FUZZ=1 ./mvnw -B -pl gateway-core -am test -Dtest="$class" -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsurefire.timeout=0 \
  -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1="-runs=$runs" -Djazzer.internal.arg.2=-max_total_time=0 \
  -Djazzer.internal.arg.3=-print_final_stats=1 >"$log" 2>&1
rc=$?
set -e
grep -a -E '^Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb|Tests run:.*Fuzz|FuzzTestFinding' "$log" | sort -u || true
if [ $rc -ne 0 ]; then
  echo "FAILED (exit $rc): see $log and the crash-* file in the inputs directory" >&2
fi
exit $rc

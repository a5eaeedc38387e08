#!/usr/bin/env bash
# Soak and capacity runs against real peers (README, "Reliability"); not part of ./mvnw verify.
#   scripts/soak.sh --capacity                              SIP -> XMPP steps of 20 s; prints the highest zero-loss rate
#   scripts/soak.sh --rate R [--minutes 30] [--xmpp-rate X] R/s SIP -> XMPP and X/s (default R/10) back for 30 minutes;
#                                                           heap after GC, threads and fds every minute; exit 0 if flat
# Needs Prosody, SIPp and python3-slixmpp (as the end-to-end tests). Run it alone on the machine: it measures.
# Output also in gateway-core/target/soak/soak-<time>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl gateway-core -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/soak.classpath -Dmdep.includeScope=test >/dev/null
cd gateway-core
mkdir -p target/soak
log="target/soak/soak-$(date +%Y%m%d-%H%M%S).log"
echo "log: gateway-core/$log"
java -Xms256m -Xmx1g -cp "target/test-classes:target/classes:$(cat target/soak.classpath)" \
  org.stoxgw.core.soak.Soak "$@" 2>&1 | tee "$log"
exit "${PIPESTATUS[0]}"

#!/usr/bin/env bash
# Checks the Debian package on this machine (CI: run by .ci/run after the build, as root):
#   dpkg -i dist/target/stoxgw.deb; the files, user and permissions it sets up; systemd-analyze verify of
#   the unit; the installed gateway started as the unit starts it (user stoxgw, /usr/bin/stoxgw, the
#   installed /etc/stoxgw/gateway.conf, here with free loopback ports laid over it), /health answering,
#   SIGHUP reloading, stoxgwctl status, and stoxgwctl drain ending the process with status 0; then the
#   package is purged again. Without systemd as PID 1 (containers, CI) nothing is started through systemctl.
# Usage: scripts/deb-check.sh [path/to/stoxgw.deb]
set -euo pipefail
cd "$(dirname "$0")/.."
deb=${1:-dist/target/stoxgw.deb}
[ -f "$deb" ] || { echo "deb-check: $deb not found (./mvnw -B package builds it)" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "deb-check: needs root (it installs the package)" >&2; exit 1; }
fail() { echo "deb-check: FAILED: $*" >&2; exit 1; }
work=$(mktemp -d /tmp/stoxgw-deb-check.XXXXXX)
chmod 755 "$work"
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    dpkg --purge stoxgw >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "deb-check: dpkg -i $deb"
if ! dpkg -i "$deb"; then
    # a missing Java runtime is installed from the archive, as apt would do for the operator
    DEBIAN_FRONTEND=noninteractive apt-get install -y -f --no-install-recommends
fi
dpkg-query -W -f='${Status}\n' stoxgw | grep -q "install ok installed" || fail "stoxgw is not installed"

for f in /usr/share/stoxgw/stoxgw.jar /usr/bin/stoxgw /usr/bin/stoxgwctl /lib/systemd/system/stoxgw.service \
         /etc/stoxgw/gateway.conf; do
    [ -e "$f" ] || fail "$f missing"
done
getent passwd stoxgw >/dev/null || fail "no user stoxgw"
[ "$(stat -c '%U:%G %a' /var/lib/stoxgw)" = "stoxgw:stoxgw 750" ] || fail "/var/lib/stoxgw: $(stat -c '%U:%G %a' /var/lib/stoxgw)"
[ "$(stat -c '%U:%G %a' /etc/stoxgw/gateway.conf)" = "root:stoxgw 640" ] || fail "gateway.conf: $(stat -c '%U:%G %a' /etc/stoxgw/gateway.conf)"
grep -q '^/etc/stoxgw/gateway.conf$' /var/lib/dpkg/info/stoxgw.conffiles || fail "gateway.conf is not a conffile"

echo "deb-check: systemd-analyze verify"
out=$(systemd-analyze verify /lib/systemd/system/stoxgw.service 2>&1) || fail "systemd-analyze verify: $out"
# verify prints warnings without failing; any line about our unit is a problem
if printf '%s\n' "$out" | grep -i "stoxgw.service" >/dev/null; then fail "systemd-analyze verify: $out"; fi
for k in "User=stoxgw" "Restart=on-failure" "ExecReload=/bin/kill -HUP \$MAINPID" "NoNewPrivileges=yes" "ProtectSystem=strict"; do
    grep -qF "$k" /lib/systemd/system/stoxgw.service || fail "the unit has no $k"
done

echo "deb-check: start the installed gateway as the unit does"
# as shipped it names example domains: refused until the operator sets them (issue 13)
if /usr/bin/stoxgwctl check-config >/dev/null 2>&1; then fail "the unedited gateway.conf must be refused"; fi
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
sip=$(port); s2s=$(port); admin=$(port)
cat > "$work/check.conf" <<CONF
include file("/etc/stoxgw/gateway.conf")
gateway.core.allow-example-domains = true
gateway.sip.listen { udp = ["127.0.0.1:$sip"], tcp = ["127.0.0.1:$sip"] }
gateway.xmpp.listen = ["127.0.0.1:$s2s"]
gateway.admin.listen = "127.0.0.1:$admin"
gateway.admin.drain.timeout = 10s
CONF
chmod 644 "$work/check.conf"
/usr/bin/stoxgwctl check-config "$work/check.conf" >/dev/null || fail "stoxgwctl check-config: $(/usr/bin/stoxgwctl check-config "$work/check.conf" 2>&1)"
cd /var/lib/stoxgw
# setpriv execs (runuser would fork and keep the signals to itself): $! is the JVM, as $MAINPID is for systemd
setpriv --reuid=stoxgw --regid=stoxgw --init-groups env XDG_DATA_HOME=/var/lib/stoxgw /usr/bin/stoxgw --config "$work/check.conf" > "$work/gateway.log" 2>&1 &
pid=$!
cd - >/dev/null
export STOXGW_ADMIN_URL="http://127.0.0.1:$admin"
for _ in $(seq 1 90); do
    if curl -sf "$STOXGW_ADMIN_URL/health" > "$work/health.json" 2>/dev/null; then break; fi
    kill -0 "$pid" 2>/dev/null || { cat "$work/gateway.log"; fail "the gateway exited during start"; }
    sleep 1
done
grep -q '"status": "up"' "$work/health.json" || { cat "$work/gateway.log"; fail "/health did not answer up"; }
# /health answers as soon as the endpoint listens; /ready once the listening points are open
for _ in $(seq 1 60); do /usr/bin/stoxgwctl ready >/dev/null 2>&1 && break; sleep 1; done
/usr/bin/stoxgwctl ready >/dev/null || fail "not ready: $(/usr/bin/stoxgwctl ready)"
/usr/bin/stoxgwctl status | grep -q '"state": "RUNNING"' || fail "stoxgwctl status"
ls /var/lib/stoxgw | grep -q . || fail "nothing written to /var/lib/stoxgw (presence store)"

echo "deb-check: SIGHUP reloads"
kill -HUP "$pid"
for _ in $(seq 1 30); do grep -q "reload done" "$work/gateway.log" && break; sleep 1; done
grep -q "reload done" "$work/gateway.log" || { cat "$work/gateway.log"; fail "SIGHUP did not reload"; }

echo "deb-check: stoxgwctl drain ends the process"
/usr/bin/stoxgwctl drain >/dev/null || fail "stoxgwctl drain"
rc=0
wait "$pid" || rc=$?
pid=""
[ "$rc" -eq 0 ] || { cat "$work/gateway.log"; fail "the drained gateway exited with $rc"; }
echo "checked: install, unit, start and /health, SIGHUP reload, drain"
echo "deb-check: 4 passed, 0 failed"

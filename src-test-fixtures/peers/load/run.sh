#!/bin/sh
# The whole-gateway load test (README.md, "Performance"): builds the gateway jar, starts Prosody, the
# fast S2S and SIP peers and the gateway (its own JVM) on a private loopback /24, and prints the
# report (also written to target/load/report.md).
#
#   src-test-fixtures/peers/load/run.sh                      # everything, 3 repetitions
#   src-test-fixtures/peers/load/run.sh --scenarios s2x-prosody --rates-s2x-prosody 5000 --repeat 1
#
# Options: --scenarios startup,s2x-prosody,x2s-prosody,s2x-sink,x2s-sink,sessions
#          --rates-<scenario> r1,r2   --seconds 10   --repeat 3   --warmup 10   --users 4
#          --jvm "<gateway JVM options>"   --hocon "<more gateway configuration>"   --sessions 10000
set -e
cd "$(dirname "$0")/../../.."
./mvnw -B -q -pl gateway-core -am -DskipTests package
./mvnw -B -q -pl src-test-fixtures dependency:build-classpath -Dmdep.outputFile=target/load.classpath
exec java -Xmx2g $LOAD_JAVA_OPTS -cp "src-test-fixtures/target/classes:$(cat src-test-fixtures/target/load.classpath)" \
    org.stoxgw.testfixtures.load.LoadTest --work target/load "$@"

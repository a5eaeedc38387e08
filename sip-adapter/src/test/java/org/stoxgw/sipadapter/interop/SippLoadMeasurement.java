package org.stoxgw.sipadapter.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.stoxgw.sipadapter.SipTestGateways;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.sipp.Sipp;

/**
 * Not a test: a measurement of the adapter's CPU per received MESSAGE under SIPp load (SIP in,
 * handed to a core that answers 200 at once). Runs only with {@code -Dstoxgw.measure=true}; prints
 * process CPU time per message. Timing belongs in benchmarks, never in assertions.
 */
@EnabledIfSystemProperty(named = "stoxgw.measure", matches = "true")
class SippLoadMeasurement {
    static final String GW_IP = TestNet.address(19);
    static final String SIPP_IP = TestNet.address(42);

    @Test
    void cpuPerMessage() {
        int port = FreePorts.tcpAndUdp(GW_IP);
        int calls = Integer.getInteger("stoxgw.measure.calls", 30_000);
        int rate = Integer.getInteger("stoxgw.measure.rate", 3_000);
        try (SipTestGateways.Running gw = SipTestGateways.answering("""
                gateway.sip {
                  listen { udp = ["%1$s:%2$d"], tcp = [] }
                  trust.peers = [ { networks = ["%3$s"], domains = ["sip.example.net"] } ]
                  limits.peer-request-rate = 1000000
                  limits.peer-request-burst = 1000000
                }
                """.formatted(GW_IP, port, SIPP_IP))) {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            warm(gw, port, 20_000, rate);
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            warm(gw, port, calls, rate);
            long cpu = os.getProcessCpuTime() - cpu0;
            long wall = System.nanoTime() - t0;
            System.out.printf("SIP MESSAGE in -> core -> 200 out, UDP: %d messages at %d/s offered: %.1f us CPU per message, %.0f msg/s%n",
                    calls, rate, cpu / 1000.0 / calls, calls / (wall / 1e9));
        }
    }

    private static void warm(SipTestGateways.Running gw, int port, int calls, int rate) {
        try (Sipp sipp = Sipp.scenario("uac-message", Path.of("target", "peers")).local(SIPP_IP, 0).remote(GW_IP, port)
                .service("juliet").key("to_domain", "xmpp.example.test").key("from_domain", "sip.example.net")
                .key("from_user", "romeo").calls(calls, rate).quiet().start()) {
            assertEquals(0, sipp.awaitExit(Duration.ofMinutes(5)), sipp::report);
        }
    }
}

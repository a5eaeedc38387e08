package org.stoxgw.testfixtures.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.xmpp.ProsodyPeer;

/**
 * Everything a load run needs, on one {@link TestNet}: a real Prosody ({@value #XMPP}, its users
 * logged in as fast {@link C2sClient}s), the {@link FastS2sPeer} ({@value #FAST}), the
 * {@link SipSink} and {@link SipLoadClient} (SIP users of {@value #SIP}), and the gateway in its own
 * process, configured so that:
 * <ul>
 *   <li>{@code sip:rN@xmpp.test} and {@code sip:rN@fast.test} reach the XMPP users (direct mapping);</li>
 *   <li>{@code rN@sip.test} from XMPP reaches the SIP sink (static route, UDP).</li>
 * </ul>
 * {@link #close()} stops all of it.
 */
public final class LoadWorld implements AutoCloseable {
    public static final String SIP = "sip.test";
    public static final String XMPP = "xmpp.test";
    public static final String FAST = "fast.test";
    static final String PASSWORD = "load-pw";

    final Options options;
    final Path work;
    final String gatewayIp = TestNet.address(3);
    final int sipPort;
    final int s2sPort;
    ProsodyPeer prosody;
    FastS2sPeer fast;
    SipSink sink;
    SipLoadClient sipClient;
    GatewayProcess gateway;
    final List<C2sClient> receivers = new ArrayList<>();
    final List<C2sClient> senders = new ArrayList<>();

    /** The knobs of a load run. */
    public record Options(Path jar, Path work, List<String> jvm, String hocon, int xmppUsers, boolean prosody) {
    }

    LoadWorld(Options options) {
        this.options = options;
        this.work = options.work().toAbsolutePath();
        this.sipPort = FreePorts.tcpAndUdp(gatewayIp);
        this.s2sPort = FreePorts.tcp(gatewayIp);
    }

    /** Starts the peers (Prosody only when asked), then the gateway with {@code extraHocon}, then logs in. */
    void start(String extraHocon) {
        fast = new FastS2sPeer(FAST, TestNet.address(4));
        sink = new SipSink(TestNet.address(11), 0);
        if (options.prosody()) {
            ProsodyPeer.Builder b = ProsodyPeer.builder(work.resolve("prosody"), XMPP).ip(TestNet.address(2))
                    .gatewayRoute(SIP, gatewayIp, s2sPort).logLevel("warn");
            for (int i = 0; i < options.xmppUsers(); i++) {
                b.user("r" + i, PASSWORD);
                b.user("s" + i, PASSWORD);
            }
            prosody = b.start();
        }
        gateway = startGateway(extraHocon, "gateway.log");
        fast.connect(SIP, gatewayIp, s2sPort, Duration.ofSeconds(30));
        if (prosody != null) {
            for (int i = 0; i < options.xmppUsers(); i++) {
                receivers.add(C2sClient.login(prosody.ip(), ProsodyPeer.C2S_PORT, "r" + i, XMPP, PASSWORD, Duration.ofSeconds(30)));
                senders.add(C2sClient.login(prosody.ip(), ProsodyPeer.C2S_PORT, "s" + i, XMPP, PASSWORD, Duration.ofSeconds(30)));
            }
        }
        sipClient = new SipLoadClient(TestNet.address(10), new InetSocketAddress(gatewayIp, sipPort));
    }

    /** A gateway process with the load configuration plus {@code extraHocon}. */
    GatewayProcess startGateway(String extraHocon, String logName) {
        Path conf = work.resolve("gateway.conf");
        String hocon = """
                gateway {
                  core.instance-name = "load"
                  domains {
                    sip-users = [ { sip = "%s", xmpp = "%s" } ]
                    xmpp-users = [ { xmpp = "%s", sip = "%s" }, { xmpp = "%s", sip = "%s" } ]
                    gateway = [ { xmpp = "gw.test", sip = "gw.test" } ]
                  }
                  sip {
                    listen { udp = ["%s:%d"], tcp = ["%s:%d"] }
                    routing.static-routes { "%s" = "%s:%d;transport=udp" }
                    # the load generator is one source address sending thousands of requests a second
                    limits { peer-request-rate = 1000000, peer-request-burst = 1000000, max-transactions = 100000 }
                  }
                  xmpp {
                    listen = ["%s:%d"]
                    routes { "%s" = "%s:%d", "%s" = "%s:%d" }
                    dialback.secret = "load-test-secret"
                    # one remote domain (Prosody, the fast source) sends everything: per-domain fairness off
                    limits { queue-per-link = 100000, stanza-rate = 1000000, stanza-burst = 1000000 }
                  }
                }
                """.formatted(SIP, SIP, XMPP, XMPP, FAST, FAST, gatewayIp, sipPort, gatewayIp, sipPort,
                SIP, TestNet.address(11), sink.port(), gatewayIp, s2sPort,
                XMPP, TestNet.address(2), ProsodyPeer.S2S_PORT, FAST, TestNet.address(4), fast.port())
                + options.hocon() + "\n" + extraHocon + "\n";
        try {
            Files.createDirectories(work);
            Files.writeString(conf, hocon);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return GatewayProcess.start(options.jar(), conf, options.jvm(), work.resolve(logName));
    }

    @Override
    public void close() {
        receivers.forEach(C2sClient::close);
        senders.forEach(C2sClient::close);
        if (sipClient != null) {
            sipClient.close();
        }
        if (fast != null) {
            fast.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (sink != null) {
            sink.close();
        }
        if (prosody != null) {
            prosody.close();
        }
    }
}

package org.stoxgw.core.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.xmpp.ProsodyPeer;
import org.stoxgw.testfixtures.peers.xmpp.ScriptedXmppClient;

/**
 * The XMPP half of an end-to-end world: a real Prosody serving {@value GatewayUnderTest#XMPP_DOMAIN}
 * on {@code TestNet.address(2)}, federating over S2S with a {@link GatewayUnderTest} that serves
 * {@value GatewayUnderTest#SIP_DOMAIN} (and routes {@code xmpp.test} to Prosody), plus scripted XMPP
 * clients for Prosody's users. SIP peers are the test's own (point the gateway at them with
 * {@link GatewayUnderTest.Builder#sipRoute}).
 *
 * <pre>{@code
 * try (Federation f = Federation.start(dir, gw -> gw.sipRoute("sip.test", sippIp + ":" + port), "juliet")) {
 *     ScriptedXmppClient juliet = f.login("juliet", true);
 *     ...
 * }
 * }</pre>
 * {@link #close()} logs the clients out and stops Prosody, then the gateway.
 */
public final class Federation implements AutoCloseable {
    /** The password of every user {@link #start} registers. */
    public static final String PASSWORD = "pw-e2e";

    private final Path work;
    private final GatewayUnderTest gateway;
    private final ProsodyPeer prosody;
    private final List<ScriptedXmppClient> clients = new ArrayList<>();

    private Federation(Path work, GatewayUnderTest gateway, ProsodyPeer prosody) {
        this.work = work;
        this.gateway = gateway;
        this.prosody = prosody;
    }

    /**
     * Starts Prosody (with {@code users} registered) and the gateway.
     *
     * @param gatewayOptions adds to the gateway's configuration (SIP routes, HOCON)
     */
    public static Federation start(Path work, UnaryOperator<GatewayUnderTest.Builder> gatewayOptions, String... users) {
        return start(work, gatewayOptions.apply(GatewayUnderTest.builder()), users);
    }

    /**
     * Starts Prosody and the gateway {@code b} describes (made early when a peer needs the gateway's
     * address before it starts itself, e.g. as its outbound proxy).
     */
    public static Federation start(Path work, GatewayUnderTest.Builder b, String... users) {
        return start(work, b, UnaryOperator.identity(), users);
    }

    /** As {@link #start(Path, GatewayUnderTest.Builder, String...)}, with Prosody options (TLS, certificates). */
    public static Federation start(Path work, GatewayUnderTest.Builder b, UnaryOperator<ProsodyPeer.Builder> prosodyOptions,
                                   String... users) {
        Path dir = work.toAbsolutePath();
        String prosodyIp = TestNet.address(2);
        b.xmppRoute(GatewayUnderTest.XMPP_DOMAIN, prosodyIp + ":" + ProsodyPeer.S2S_PORT);
        ProsodyPeer.Builder pb = ProsodyPeer.builder(dir.resolve("prosody"), GatewayUnderTest.XMPP_DOMAIN).ip(prosodyIp)
                .gatewayRoute(GatewayUnderTest.SIP_DOMAIN, b.ip(), b.s2sPort());
        Map<String, String> u = new LinkedHashMap<>();
        for (String user : users) {
            u.put(user, PASSWORD);
        }
        u.forEach(pb::user);
        ProsodyPeer prosody = prosodyOptions.apply(pb).start();
        GatewayUnderTest gw;
        try {
            gw = b.start();
        } catch (RuntimeException e) {
            prosody.close();
            throw e;
        }
        return new Federation(dir, gw, prosody);
    }

    public GatewayUnderTest gateway() {
        return gateway;
    }

    public ProsodyPeer prosody() {
        return prosody;
    }

    /** Logs {@code user}@xmpp.test in; closed with the federation. */
    public ScriptedXmppClient login(String user, boolean autoReceipt) {
        return login(user, autoReceipt, false);
    }

    /** As {@link #login(String, boolean)}; {@code manualSubscriptions}: the test answers subscription requests. */
    public ScriptedXmppClient login(String user, boolean autoReceipt, boolean manualSubscriptions) {
        ScriptedXmppClient c = ScriptedXmppClient.login(work.resolve("clients"), user + "@" + GatewayUnderTest.XMPP_DOMAIN,
                PASSWORD, prosody.ip(), autoReceipt, manualSubscriptions);
        clients.add(c);
        return c;
    }

    /**
     * Brings up the S2S streams between Prosody and the gateway in both directions (a ping from
     * {@code client} to the gateway's domain and its answer), so that the first test message does not
     * wait for stream negotiation and dialback.
     */
    public void warmUp(ScriptedXmppClient client) {
        if (!client.ping(GatewayUnderTest.SIP_DOMAIN, Duration.ofSeconds(30))) {
            throw new AssertionError("the gateway did not answer a ping over S2S; prosody.log:\n" + prosody.logTail(40));
        }
    }

    @Override
    public void close() {
        clients.forEach(ScriptedXmppClient::close);
        prosody.close();
        gateway.close();
    }
}

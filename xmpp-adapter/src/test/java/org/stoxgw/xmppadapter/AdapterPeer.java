package org.stoxgw.xmppadapter;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * One gateway's XMPP adapter serving a single domain on loopback, on its own event loops, with a
 * handler that records what arrives (and can react). For in-JVM federation tests.
 */
public final class AdapterPeer implements AutoCloseable {
    public final String domain;
    public final XmppAdapter adapter;
    public final List<String> listeningPoints;
    public final BlockingQueue<InboundStanza> received = new LinkedBlockingQueue<>();
    public volatile Consumer<InboundStanza> onStanza = s -> { };
    /** IQ payload namespaces this peer's core claims (see {@link StanzaHandler#claimsIq}). */
    public volatile java.util.Set<String> claimedIqs = java.util.Set.of();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    /**
     * @param listen "host:port" to listen on
     * @param extra  more HOCON (routes, TLS, policies)
     */
    public AdapterPeer(String domain, String listen, String extra) throws InterruptedException {
        this.domain = domain;
        TestSettings s = TestSettings.of("""
                gateway.domains { sip-users = [], xmpp-users = [], gateway = [ { xmpp = "%s", sip = "%s" } ] }
                gateway.xmpp.listen = ["%s"]
                gateway.xmpp.dialback.secret = "secret of %s"
                gateway.xmpp.timeouts { delivery = 15s, negotiation = 5s, ack = 5s, reconnect-min = 100ms, reconnect-max = 1s }
                %s
                """.formatted(domain, domain, listen, domain, extra));
        adapter = new XmppAdapter(s.xmpp(), s.shared(), group, new StanzaHandler() {
            @Override
            public void onStanza(InboundStanza st) {
                received.add(st);
                onStanza.accept(st);
            }

            @Override
            public boolean claimsIq(String namespace) {
                return namespace != null && claimedIqs.contains(namespace);
            }
        });
        listeningPoints = adapter.start();
    }

    /** The gateway.tls section for a key store issued by {@code pki}, trusting {@code pki}'s CA. */
    public static String tlsConfig(org.stoxgw.testfixtures.peers.xmpp.XmppTestPki pki,
                                   org.stoxgw.testfixtures.peers.xmpp.XmppTestPki.Issued cert) {
        return """
                gateway.tls { key-store = "%s", key-store-password = "%s", trust-store = "%s", trust-store-password = "%s" }
                """.formatted(cert.keyStore().toAbsolutePath(), org.stoxgw.testfixtures.peers.xmpp.XmppTestPki.PASSWORD,
                pki.trustStore().toAbsolutePath(), org.stoxgw.testfixtures.peers.xmpp.XmppTestPki.PASSWORD);
    }

    public static Message message(String from, String to, String id, String body) {
        try {
            return StanzaBuilder.buildMessage(id).from(JidCreate.from(from)).to(JidCreate.from(to))
                    .ofType(Message.Type.chat).setBody(body).build();
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Sends and waits for the outcome. */
    public XmppOutcome sendAndWait(Stanza s, Duration timeout) throws Exception {
        return adapter.send(s).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next received stanza matching {@code p}, skipping others; fails after {@code timeout}. */
    public InboundStanza await(Predicate<InboundStanza> p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            InboundStanza s = received.poll(50, TimeUnit.MILLISECONDS);
            if (s != null && p.test(s)) {
                return s;
            }
        }
        throw new AssertionError(domain + ": no matching stanza within " + timeout);
    }

    /** The JMX view of this adapter's links. */
    public XmppLinksMXBean bean() {
        return (XmppLinksMXBean) adapter.managedBeans().get("XmppLinks");
    }

    /** The first link in {@code direction} with {@code remote}, or null. */
    /**
     * The link or stream with {@code remote} in {@code direction}, preferring an authenticated one:
     * a remote server may also have a dialback verification stream open to us (XEP-0220 section
     * 2.3), which never authenticates.
     */
    public LinkInfo link(String direction, String remote) {
        return bean().getLinks().stream().filter(l -> l.getDirection().equals(direction) && l.getRemoteDomain().equals(remote))
                .min(java.util.Comparator.comparing((LinkInfo l) -> l.getAuth().isEmpty() || l.getAuth().equals("-")))
                .orElse(null);
    }

    @Override
    public void close() {
        adapter.stop(Duration.ofSeconds(2));
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

package org.stoxgw.xmppadapter.s2s;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.stoxgw.xmppadapter.InboundStanza;
import org.stoxgw.xmppadapter.TestSettings;
import org.stoxgw.xmppadapter.XmppCounters;
import org.stoxgw.xmppadapter.dns.RemoteResolver;
import org.stoxgw.xmppadapter.stanza.DomainIqResponder;
import org.stoxgw.xmppadapter.stanza.StanzaCodec;
import org.stoxgw.xmppadapter.tls.TlsContexts;

/** An {@link XmppRuntime} for handler tests on EmbeddedChannel; close() stops its event loop. */
public final class TestRuntimes implements AutoCloseable {
    public final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    public final List<InboundStanza> received = new CopyOnWriteArrayList<>();
    public final XmppCounters counters = new XmppCounters();
    public final XmppRuntime runtime;
    private final RemoteResolver resolver;

    public TestRuntimes(String hocon) {
        StanzaCodec.initialise();
        TestSettings s = TestSettings.of(hocon);
        resolver = new RemoteResolver(loops.next(), s.xmpp().dnsServers(), s.xmpp().dnsQueryTimeout(), s.xmpp().routes());
        runtime = new XmppRuntime(s.xmpp(), s.shared(), loops, received::add, new DialbackKeys("test-secret"),
                TlsContexts.create(s.shared().tls()), resolver,
                new DomainIqResponder(DomainIqResponder.DEFAULT_FEATURES, "stoxgw"), counters);
    }

    @Override
    public void close() {
        resolver.close();
        loops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}

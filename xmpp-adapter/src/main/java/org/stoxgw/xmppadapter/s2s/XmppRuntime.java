package org.stoxgw.xmppadapter.s2s;

import io.netty.channel.EventLoopGroup;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.Jid;
import org.stoxgw.config.SharedSettings;
import org.stoxgw.config.limits.KeyedRateLimiter;
import org.stoxgw.xmppadapter.IqOutcome;
import org.stoxgw.xmppadapter.StanzaHandler;
import org.stoxgw.xmppadapter.XmppCounters;
import org.stoxgw.xmppadapter.XmppOutcome;
import org.stoxgw.xmppadapter.XmppSettings;
import org.stoxgw.xmppadapter.dns.RemoteResolver;
import org.stoxgw.xmppadapter.stanza.DomainIqResponder;
import org.stoxgw.xmppadapter.stanza.Jids;
import org.stoxgw.xmppadapter.stanza.StanzaCodec;
import org.stoxgw.xmppadapter.stream.StreamLimits;
import org.stoxgw.xmppadapter.tls.TlsContexts;

/**
 * The services every stream and link of one adapter shares: settings, served domains, TLS, dialback
 * keys, DNS, the link registry, the inbound registry, counters and the core's handler. Built once by
 * {@link org.stoxgw.xmppadapter.XmppAdapter}; thread-safe.
 */
public final class XmppRuntime {
    /** Replaced by a reload; only what is read per use follows it (remote-domains), see XmppAdapter#reload. */
    volatile XmppSettings settings;
    final SharedSettings shared;
    final Set<String> served;
    final StreamLimits streamLimits;
    final DialbackKeys keys;
    /** Replaced by a reload (renewed certificate): new connections use it, established ones keep theirs. */
    volatile TlsContexts tls;
    final RemoteResolver resolver;
    final EventLoopGroup loops;
    final StanzaHandler handler;
    final XmppCounters counters;
    final DomainIqResponder responder;
    final LinkRegistry links;
    final InboundStreams inbound;
    final S2sConnector connector;
    final DialbackVerifier verifier;
    final StanzaDispatcher dispatcher;
    final KeyedRateLimiter stanzaRate;
    final PendingIqs pendingIqs;
    private final SecureRandom random = new SecureRandom();

    public XmppRuntime(XmppSettings settings, SharedSettings shared, EventLoopGroup loops, StanzaHandler handler,
                       DialbackKeys keys, TlsContexts tls, RemoteResolver resolver, DomainIqResponder responder,
                       XmppCounters counters) {
        this.settings = settings;
        this.shared = shared;
        this.served = Set.copyOf(shared.domains().servedXmppDomains());
        XmppSettings.Limits l = settings.limits();
        this.streamLimits = new StreamLimits(l.stanzaBytes(), l.depth(), l.attributes());
        this.stanzaRate = new KeyedRateLimiter(l.stanzaRate(), l.stanzaBurst(), l.trackedDomains());
        this.keys = keys;
        this.tls = tls;
        this.resolver = resolver;
        this.loops = loops;
        this.handler = handler;
        this.counters = counters;
        this.responder = responder;
        this.inbound = new InboundStreams(l.inboundStreams(), l.inboundStreamsPerDomain());
        this.connector = new S2sConnector(this);
        this.verifier = new DialbackVerifier(this);
        this.dispatcher = new StanzaDispatcher(this);
        this.links = new LinkRegistry(this);
        this.pendingIqs = new PendingIqs(l.pendingIqs());
    }

    public XmppSettings settings() {
        return settings;
    }

    /** A reload: new TLS contexts and settings for what comes next. */
    public void reconfigure(XmppSettings s, TlsContexts t) {
        settings = s;
        tls = t;
    }

    public LinkRegistry links() {
        return links;
    }

    public InboundStreams inbound() {
        return inbound;
    }

    boolean serves(String domain) {
        return domain != null && served.contains(domain);
    }

    /** A fresh unpredictable id for streams and probes (96 random bits). */
    String newId() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** How long a closing stream waits for the peer's closing tag. */
    Duration closeWait() {
        Duration n = settings.timeouts().negotiation();
        return n.compareTo(Duration.ofSeconds(5)) < 0 ? n : Duration.ofSeconds(5);
    }

    boolean componentMode() {
        return settings.mode() == XmppSettings.Mode.COMPONENT;
    }

    /**
     * Sends a stanza from a served domain to its 'to' domain; see
     * {@link org.stoxgw.xmppadapter.XmppAdapter#send}.
     */
    public CompletionStage<XmppOutcome> send(Stanza stanza) {
        Jid to = stanza.getTo();
        Jid from = stanza.getFrom();
        String remote = to == null ? null : Jids.normalizeDomain(to.getDomain().toString());
        String local = from == null ? null : Jids.normalizeDomain(from.getDomain().toString());
        if (remote == null) {
            return failed(StanzaError.Condition.jid_malformed, "the stanza has no valid 'to'");
        }
        if (!serves(local)) {
            return failed(StanzaError.Condition.bad_request, "'from' must be at a gateway domain, not " + from);
        }
        if (!componentMode()) {
            if (serves(remote)) {
                return failed(StanzaError.Condition.bad_request, remote + " is a gateway domain, not a remote one");
            }
            if (!settings.remoteDomains().permits(remote)) {
                return failed(StanzaError.Condition.forbidden, remote
                        + " is not permitted by gateway.xmpp.remote-domains");
            }
        }
        String xml = StanzaCodec.serialize(stanza);
        if (xml.length() > settings.limits().stanzaBytes()) {
            return failed(StanzaError.Condition.not_acceptable, "stanza larger than gateway.xmpp.limits.stanza-bytes");
        }
        return links.send(local, componentMode() ? LinkKey.COMPONENT : remote, xml);
    }

    /**
     * Sends an IQ request and waits for its answer; see
     * {@link org.stoxgw.xmppadapter.XmppAdapter#sendIq}.
     */
    public CompletionStage<IqOutcome> sendIq(IQ request, Duration timeout) {
        if (request.getType() != IQ.Type.get && request.getType() != IQ.Type.set) {
            return CompletableFuture.completedFuture(new IqOutcome.Failed(StanzaError.Condition.bad_request,
                    "sendIq takes a get or set, not " + request.getType() + " (answers go out with send)"));
        }
        CompletionStage<IqOutcome> outcome = pendingIqs.register(request, timeout, loops.next());
        if (outcome.toCompletableFuture().isDone()) {
            return outcome;
        }
        String id = request.getStanzaId();
        send(request).thenAccept(o -> pendingIqs.sent(id, o));
        return outcome;
    }

    /** IQ requests of the core waiting for their answers. */
    public int pendingIqs() {
        return pendingIqs.size();
    }

    /** IQ requests of the core that got no answer in time. */
    public long iqTimeouts() {
        return pendingIqs.timeouts.sum();
    }

    /** Fails the IQ requests still waiting (adapter stop). */
    public void failPendingIqs() {
        pendingIqs.failAll("the gateway is stopping");
    }

    private CompletionStage<XmppOutcome> failed(StanzaError.Condition c, String detail) {
        counters.bounced.increment();
        return CompletableFuture.completedFuture(new XmppOutcome.Failed(c, detail));
    }
}

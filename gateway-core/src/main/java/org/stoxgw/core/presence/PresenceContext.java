package org.stoxgw.core.presence;

import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import org.jivesoftware.smack.packet.Presence;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.core.presence.store.StoreWriter;
import org.stoxgw.core.routing.SipPort;
import org.stoxgw.core.routing.XmppPort;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.sipadapter.SipOutcome;
import org.stoxgw.xmppadapter.XmppOutcome;

/**
 * What every subscription pair shares: both ports, the address mapper, the settings, the counters,
 * the store writer and the clock. Immutable; its methods may be called from any thread (pairs call
 * them from their loops).
 */
final class PresenceContext {
    private static final Logger log = LoggerFactory.getLogger(PresenceContext.class);

    final SipPort sip;
    final XmppPort xmpp;
    final AddressMapper addresses;
    final PresenceSettings settings;
    final PresenceStats stats;
    final Traffic traffic;
    final StoreWriter store;
    /** Pairs alive, for {@code limits.max-pairs}. */
    final java.util.concurrent.atomic.AtomicInteger pairs = new java.util.concurrent.atomic.AtomicInteger();
    private final LongSupplier clock;

    PresenceContext(SipPort sip, XmppPort xmpp, AddressMapper addresses, PresenceSettings settings, PresenceStats stats,
                    Traffic traffic, StoreWriter store, LongSupplier clock) {
        this.sip = sip;
        this.xmpp = xmpp;
        this.addresses = addresses;
        this.settings = settings;
        this.stats = stats;
        this.traffic = traffic;
        this.store = store;
        this.clock = clock;
    }

    /** Wall-clock milliseconds: expiry times are stored and must mean the same after a restart. */
    long now() {
        return clock.getAsLong();
    }

    /** Sends a SIP request; the stage completes on an adapter thread (callers hop back to their loop). */
    CompletionStage<SipOutcome> send(SipRequest request) {
        return sip.send(request);
    }

    /**
     * Sends a presence stanza to XMPP and counts it; {@code onFailure} runs (on an adapter thread)
     * when it could not be delivered.
     */
    void send(Presence stanza, java.util.function.Consumer<XmppOutcome.Failed> onFailure) {
        stats.count(PresenceStats.Counter.STANZAS_OUT);
        CompletionStage<XmppOutcome> stage;
        try {
            stage = xmpp.send(stanza);
        } catch (RuntimeException e) {
            log.warn("presence to {} not sent: {}", stanza.getTo(), e.toString());
            stats.count(PresenceStats.Counter.STANZA_FAILURES);
            return;
        }
        stage.whenComplete((o, err) -> {
            if (o instanceof XmppOutcome.Failed f) {
                // counted here, not in Traffic: a presence stanza answers no one request
                stats.count(PresenceStats.Counter.STANZA_FAILURES);
                log.debug("presence {} to {} failed: {} {}", stanza.getType(), stanza.getTo(), f.condition(), f.detail());
                if (onFailure != null) {
                    onFailure.accept(f);
                }
            } else if (err != null) {
                stats.count(PresenceStats.Counter.STANZA_FAILURES);
                log.debug("presence to {} failed: {}", stanza.getTo(), err.toString());
            }
        });
    }

    /** A bare JID the gateway itself stored or mapped (so it is valid). */
    static EntityBareJid bare(String jid) {
        try {
            return JidCreate.entityBareFrom(jid);
        } catch (XmppStringprepException e) {
            throw new IllegalStateException("stored JID no longer valid: " + jid, e);
        }
    }
}

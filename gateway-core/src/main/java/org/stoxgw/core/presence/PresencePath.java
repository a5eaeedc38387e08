package org.stoxgw.core.presence;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.core.engine.SessionKey;
import org.stoxgw.core.engine.SessionKind;
import org.stoxgw.core.engine.SessionTable;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.core.presence.PresenceStats.Counter;
import org.stoxgw.core.presence.store.JdbcPresenceStore;
import org.stoxgw.core.presence.store.PairRecord;
import org.stoxgw.core.presence.store.PresenceStore;
import org.stoxgw.core.presence.store.StoreWriter;
import org.stoxgw.core.routing.Router;
import org.stoxgw.core.routing.RoutingContext;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.address.Mapping;
import org.stoxgw.mapping.address.SipUri;
import org.stoxgw.mapping.address.UriScheme;
import org.stoxgw.mapping.address.UserSpellings;
import org.stoxgw.mapping.presence.EventPackage;
import org.stoxgw.mapping.presence.SubscriptionHeaders;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.InboundSipRequest;
import org.stoxgw.xmppadapter.InboundStanza;

/**
 * Presence (RFC 8048) in both directions: finds the subscription pair ({@link PairSession}) a SIP
 * request or a presence stanza belongs to, after checking and mapping its addresses (RFC 7247), and
 * hands it to the pair's event loop. Refuses what it cannot take with the mapped error; never
 * creates a pair for anything but a new subscription or a probe, so presence for someone without a
 * subscription is dropped and counted (AMB-P12, PRES-49).
 *
 * <p>Lifecycle, driven by the gateway: {@link #open} loads the stored pairs before the adapters
 * start, {@link #resume} re-establishes them once they run, {@link #close} writes what is left
 * after the event loops stopped. Entry points are called on adapter threads and return at once.
 */
public final class PresencePath implements Router.Path {
    private static final Logger log = LoggerFactory.getLogger(PresencePath.class);
    /** Methods answered with 405 name what the gateway does take (RFC 3261 §8.2.1). */
    private static final String ALLOW = "MESSAGE, SUBSCRIBE, NOTIFY, OPTIONS";

    private final RoutingContext routing;
    private final PresenceSettings settings;
    private final PresenceStats stats = new PresenceStats();
    private final LongSupplier clock;
    private volatile PresenceContext ctx;
    private volatile StoreWriter writer;
    private List<PairRecord> restored = List.of();

    public PresencePath(RoutingContext routing, PresenceSettings settings) {
        this(routing, settings, System::currentTimeMillis);
    }

    PresencePath(RoutingContext routing, PresenceSettings settings, LongSupplier clock) {
        this.routing = routing;
        this.settings = settings;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Opens the store and takes back every stored pair, before the adapters start (so a NOTIFY in
     * a stored dialog finds its pair).
     *
     * @throws PresenceStore.StoreException if the store cannot be opened or read
     */
    public void open(String instanceName) {
        String url = settings.store().jdbcUrl(instanceName);
        if (settings.store().url().isEmpty()) {
            createDirectory(settings.store().directory(instanceName));
        }
        PresenceStore store = new JdbcPresenceStore(url, settings.store().user(), settings.store().password());
        List<PairRecord> records;
        try {
            records = store.loadAll();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        writer = new StoreWriter(store, settings.store().flushInterval(), settings.store().batchSize());
        ctx = new PresenceContext(routing.sip(), routing.xmpp(), routing.addresses(), settings, stats, routing.traffic(),
                writer, clock);
        CountDownLatch done = new CountDownLatch(records.size());
        for (PairRecord r : records) {
            Optional<PairSession> s = routing.engine().sessions().getOrCreate(key(r.key()), this::newPair);
            if (s.isEmpty()) {
                log.error("presence store: session table full, pair {} not restored", r.key());
                done.countDown();
                continue;
            }
            s.get().execute(() -> {
                try {
                    s.get().restore(r);
                } finally {
                    done.countDown();
                }
            });
        }
        try {
            if (!done.await(5, TimeUnit.MINUTES)) {
                log.warn("presence store: restoring took too long; continuing");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        restored = records;
        log.info("presence store {}: {} subscription pair(s) restored", JdbcPresenceStore.redact(url), records.size());
    }

    /**
     * Re-establishes the restored pairs without anyone acting (probes, refreshes, re-subscriptions),
     * spread over {@code restart-spread} so a large gateway does not send them all at once.
     */
    public void resume() {
        long spread = settings.restartSpread().toMillis();
        for (PairRecord r : restored) {
            routing.engine().sessions().<PairSession>get(key(r.key())).ifPresent(p -> p.execute(() -> {
                long delay = spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(spread);
                p.schedule(() -> {
                    p.resume();
                    p.settle();
                }, Duration.ofMillis(delay));
            }));
        }
        restored = List.of();
    }

    /** Writes what is left and closes the store (after the event loops stopped). */
    public void close() {
        StoreWriter w = writer;
        if (w != null) {
            writer = null;
            w.close();
        }
    }

    /** Why the store cannot take writes now (not open, writes failing), or empty when it can: for /ready. */
    public Optional<String> storeProblem() {
        StoreWriter w = writer;
        if (w == null) {
            return Optional.of("presence store not open");
        }
        return w.failing() ? Optional.of("presence store writes are failing (" + w.queued() + " change(s) waiting)")
                : Optional.empty();
    }

    /** The Presence MBean. */
    public Map<String, Object> managedBeans() {
        return Map.of("Presence", new PresenceMXBean() {
            @Override
            public Map<String, Integer> getXmppToSip() {
                return stats.xmppToSip();
            }

            @Override
            public Map<String, Integer> getSipToXmpp() {
                return stats.sipToXmpp();
            }

            @Override
            public long getNotificationsIn() {
                return stats.get(Counter.NOTIFICATIONS_IN);
            }

            @Override
            public long getNotificationsOut() {
                return stats.get(Counter.NOTIFICATIONS_OUT);
            }

            @Override
            public long getRefreshes() {
                return stats.get(Counter.REFRESHES);
            }

            @Override
            public long getFailures() {
                return stats.get(Counter.REFRESH_FAILURES) + stats.get(Counter.NOTIFY_FAILURES) + stats.get(Counter.STANZA_FAILURES);
            }

            @Override
            public Map<String, Long> getCounters() {
                return stats.counters();
            }

            @Override
            public int getStoreQueue() {
                StoreWriter w = writer;
                return w == null ? 0 : w.queued();
            }

            @Override
            public long getStoreWrites() {
                StoreWriter w = writer;
                return w == null ? 0 : w.writes();
            }

            @Override
            public long getStoreFailures() {
                StoreWriter w = writer;
                return w == null ? 0 : w.failures();
            }

            @Override
            public long getStoreMeanBatchMicros() {
                StoreWriter w = writer;
                return w == null ? 0 : w.meanBatchMicros();
            }
        });
    }

    public PresenceStats stats() {
        return stats;
    }

    /** Waits until every change so far is written (tests, benchmark). */
    public boolean flushStore(Duration timeout) {
        StoreWriter w = writer;
        return w == null || w.flush(timeout);
    }

    // ------------------------------------------------------------------ SIP

    @Override
    public void onRequest(InboundSipRequest in) {
        routing.traffic().count(Traffic.Direction.SIP_TO_XMPP, Traffic.Outcome.RECEIVED);
        if (ctx == null) {
            refuse(in, SipResponse.of(503, "Service Unavailable (starting)"));
            return;
        }
        SipRequest req = in.request();
        switch (req.method().toUpperCase(Locale.ROOT)) {
            case "SUBSCRIBE" -> subscribe(in);
            case "NOTIFY" -> notify(in);
            default -> refuse(in, new SipResponse(405, "Method Not Allowed", SipHeaders.of("Allow", ALLOW), null));
        }
    }

    private void subscribe(InboundSipRequest in) {
        SipRequest req = in.request();
        EventPackage pkg = SubscriptionHeaders.eventPackage(req.headers()).map(EventPackage::fromToken).orElse(null);
        if (pkg != EventPackage.PRESENCE) {
            // the gateway notifies presence only (the dialog package is what it subscribes to)
            refuse(in, new SipResponse(489, "Bad Event", SipHeaders.of("Allow-Events", "presence"), null));
            return;
        }
        boolean inDialog = req.to().tag().isPresent();
        if (inDialog) {
            // a refresh or cancel targets the gateway's Contact: the pair is named by To and From
            inDialog(in, p -> p.onSubscribe(in));
            return;
        }
        Mapping<AddressMapper.XmppAddresses> a = ctx.addresses.sipRequestToXmpp(req);
        if (a instanceof Mapping.Refused<AddressMapper.XmppAddresses> r) {
            refuse(in, r.sipResponse());
            return;
        }
        EntityBareJid user = a.orElseThrow().to().asEntityBareJidIfPossible();
        EntityBareJid contact = a.orElseThrow().from().asEntityBareJidIfPossible();
        if (user == null || contact == null) {
            refuse(in, SipResponse.of(404, "Not Found (presence needs a user address)"));
            return;
        }
        dispatch(PairRecord.key(user.toString(), contact.toString()), true, in, p -> p.onSubscribe(in),
                () -> refuse(in, SipResponse.of(503, "Service Unavailable (too many presence subscriptions)")));
    }

    private void notify(InboundSipRequest in) {
        SipRequest req = in.request();
        EventPackage pkg = SubscriptionHeaders.eventPackage(req.headers()).map(EventPackage::fromToken).orElse(null);
        if (pkg == null) {
            refuse(in, new SipResponse(489, "Bad Event", SipHeaders.of("Allow-Events", "presence, dialog"), null));
            return;
        }
        inDialog(in, p -> p.onNotify(in, pkg));
    }

    /**
     * An in-dialog request (NOTIFY, refresh or cancel SUBSCRIBE): its Request-URI is the gateway's
     * Contact, so the pair is named by To (the XMPP user as the dialog presents it) and From (the
     * SIP user); no pair, or a To/From that do not map, is 481 (RFC 6665 §4.1.3, §4.2.1.2).
     */
    private void inDialog(InboundSipRequest in, Consumer<PairSession> task) {
        SipRequest req = in.request();
        Mapping<SipUri> to = SipUri.fromNameAddress(req.to());
        Mapping<SipUri> from = SipUri.fromNameAddress(req.from());
        Jid user = to.flatMap(ctx.addresses::sipTargetToXmpp).orNull();
        Jid contact = to.isOk() ? from.flatMap(f -> ctx.addresses.sipSenderToXmpp(f, to.orElseThrow())).orNull() : null;
        Runnable none = () -> refuse(in, SipResponse.of(481, "Subscription Does Not Exist"));
        if (user == null || contact == null || user.asEntityBareJidIfPossible() == null
                || contact.asEntityBareJidIfPossible() == null) {
            none.run();
            return;
        }
        dispatch(PairRecord.key(user.asBareJid().toString(), contact.asBareJid().toString()), false, in, task, none);
    }

    private void refuse(InboundSipRequest in, SipResponse r) {
        stats.count(Counter.REFUSED);
        routing.traffic().count(Traffic.Direction.SIP_TO_XMPP, Traffic.Outcome.REJECTED);
        in.respond(r);
    }

    // ------------------------------------------------------------------ XMPP

    @Override
    public void onStanza(InboundStanza inbound) {
        routing.traffic().count(Traffic.Direction.XMPP_TO_SIP, Traffic.Outcome.RECEIVED);
        Presence p = (Presence) inbound.stanza();
        if (ctx == null || p.getFrom() == null || p.getTo() == null) {
            routing.traffic().count(Traffic.Direction.XMPP_TO_SIP, Traffic.Outcome.REJECTED);
            return;
        }
        EntityBareJid user = p.getFrom().asEntityBareJidIfPossible();
        EntityBareJid contact = p.getTo().asEntityBareJidIfPossible();
        if (p.getType() == Presence.Type.error) {
            // never answered (no error loops); only an existing pair can learn from it
            Runnable ignored = () -> routing.traffic().count(Traffic.Direction.XMPP_TO_SIP, Traffic.Outcome.DELIVERED);
            if (user != null && contact != null) {
                dispatch(PairRecord.key(user.toString(), contact.toString()), false, null, pair -> pair.onStanza(p), ignored);
            } else {
                ignored.run();
            }
            return;
        }
        Mapping<AddressMapper.SipAddresses> m = ctx.addresses.xmppStanzaToSip(p.getFrom(), p.getTo(), UriScheme.SIP,
                UserSpellings.NONE);
        if (m instanceof Mapping.Refused<AddressMapper.SipAddresses> r) {
            refuse(p, r.stanzaError()); // PRES-47: only the domains the gateway serves
            return;
        }
        if (user == null || contact == null) {
            refuse(p, StanzaError.getBuilder(StanzaError.Condition.feature_not_implemented).build());
            return;
        }
        boolean create = p.getType() == Presence.Type.subscribe || p.getType() == Presence.Type.probe;
        dispatch(PairRecord.key(user.toString(), contact.toString()), create, null, pair -> pair.onStanza(p), () -> {
            if (create) {
                refuse(p, StanzaError.getBuilder(StanzaError.Condition.resource_constraint).build());
            } else {
                // AMB-P12, PRES-49: nobody subscribed; handled by dropping it, not an error to anyone
                routing.traffic().count(Traffic.Direction.XMPP_TO_SIP, Traffic.Outcome.DELIVERED);
                stats.count(Counter.STANZAS_IN);
                stats.count(Counter.DROPPED_NO_SUBSCRIPTION);
            }
        });
    }

    private void refuse(Presence p, StanzaError e) {
        stats.count(Counter.REFUSED);
        routing.traffic().count(Traffic.Direction.XMPP_TO_SIP, Traffic.Outcome.REJECTED);
        ctx.send(PresenceStanzas.error(p, e), null);
    }

    // ------------------------------------------------------------------ pairs

    /**
     * Runs {@code task} on the pair's loop, then lets the pair settle. A pair that closed between the
     * lookup and the task is looked up again (a new one is created if allowed).
     */
    private void dispatch(String id, boolean create, InboundSipRequest sip, Consumer<PairSession> task, Runnable none) {
        SessionTable table = routing.engine().sessions();
        SessionKey key = key(id);
        Optional<PairSession> s = create && ctx.pairs.get() < settings.limits().maxPairs()
                ? table.getOrCreate(key, this::newPair) : table.get(key);
        if (s.isEmpty()) {
            none.run();
            return;
        }
        PairSession pair = s.get();
        pair.execute(() -> {
            if (pair.isClosed()) {
                dispatch(id, create, sip, task, none);
                return;
            }
            Traffic.Direction d = sip != null ? Traffic.Direction.SIP_TO_XMPP : Traffic.Direction.XMPP_TO_SIP;
            routing.traffic().count(d, Traffic.Outcome.DELIVERED);
            task.accept(pair);
            pair.settle();
        });
    }

    private PairSession newPair(org.stoxgw.core.engine.SessionContext sc) {
        ctx.pairs.incrementAndGet();
        return new PairSession(sc, ctx);
    }

    private static SessionKey key(String id) {
        return new SessionKey(SessionKind.PRESENCE, id);
    }

    private static void createDirectory(java.nio.file.Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new PresenceStore.StoreException("cannot create the presence store directory " + dir + " (" + e
                    + "); set gateway.presence.store.path to a writable directory", e);
        }
    }
}

package org.stoxgw.core.presence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.packet.Presence;
import org.stoxgw.config.ConfigLoader;
import org.stoxgw.config.SharedSettings;
import org.stoxgw.core.engine.Engine;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.core.routing.Policies;
import org.stoxgw.core.routing.RoutingContext;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.testfixtures.Eventually;
import org.stoxgw.xmppadapter.InboundStanza;

/**
 * The presence path on real event loops and a real (in-memory H2) store, between a fake SIP adapter
 * and a fake XMPP adapter. Domains as in the RFC 8048 examples: XMPP users of example.com appear on
 * SIP as sip:user@example.com, SIP users of example.net appear on XMPP as user@example.net.
 */
final class PresenceHarness implements AutoCloseable {
    private static final AtomicInteger DB = new AtomicInteger();

    static final String DOMAINS = """
            gateway.domains {
              sip-users = [ { sip = "example.net", xmpp = "example.net" } ]
              xmpp-users = [ { xmpp = "example.com", sip = "example.com" } ]
              gateway = [ { xmpp = "gw.example.org", sip = "gw.example.org" } ]
            }
            """;

    final FakeSip sip;
    final FakeXmpp xmpp;
    final Engine engine;
    final Traffic traffic = new Traffic();
    final PresencePath path;
    final PresenceSettings settings;
    final String db;
    final Path dir;
    final String hocon;

    /** A harness with its own fresh database. */
    static PresenceHarness start(Path dir, String hocon) {
        return new PresenceHarness(dir, hocon, "presence" + DB.incrementAndGet() + "-" + ProcessHandle.current().pid(),
                new FakeSip(), new FakeXmpp());
    }

    private PresenceHarness(Path dir, String hocon, String db, FakeSip sip, FakeXmpp xmpp) {
        this.dir = dir;
        this.hocon = hocon;
        this.db = db;
        this.sip = sip;
        this.xmpp = xmpp;
        String conf = DOMAINS + """
                gateway.presence.store.url = "jdbc:h2:mem:%s;DB_CLOSE_DELAY=-1"
                gateway.presence.restart-spread = 0s
                """.formatted(db) + hocon;
        ConfigLoader.LoadedConfig c;
        try {
            Path f = Files.createTempFile(dir, "presence", ".conf");
            Files.writeString(f, conf);
            c = ConfigLoader.load(Optional.of(f), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SharedSettings shared = SharedSettings.read(c.reader());
        this.settings = PresenceSettings.read(c.reader());
        this.engine = new Engine(2, 1_000_000);
        AddressMapper mapper = new AddressMapper(Policies.addressPolicy(shared.domains()));
        RoutingContext ctx = new RoutingContext(engine, traffic, sip, xmpp, mapper, shared);
        this.path = new PresencePath(ctx, settings);
        path.open("test");
        path.resume();
    }

    /**
     * Stops this gateway (store written, loops stopped) and starts another on the same database
     * and the same fake peers, as a process restart would.
     */
    PresenceHarness restart() {
        close();
        return new PresenceHarness(dir, hocon, db, sip, xmpp);
    }

    @Override
    public void close() {
        try {
            engine.shutdown(Duration.ofMillis(10), Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        path.close();
    }

    PresenceStats stats() {
        return path.stats();
    }

    /**
     * Asserts that {@code value} reaches {@code expected} within 5 s: the counters are updated on the
     * session's loop, which may still be working when the test's own wait for a stanza ends.
     */
    static void eventually(long expected, java.util.function.LongSupplier value, String what) {
        Eventually.holds(() -> value.getAsLong() == expected, Duration.ofSeconds(5));
        org.junit.jupiter.api.Assertions.assertEquals(expected, value.getAsLong(), what);
    }

    // ------------------------------------------------------------------ XMPP input

    /** Delivers a stanza as the XMPP adapter would (from a remote server). */
    void stanza(String xml) {
        path.onStanza(new InboundStanza(presence(xml), "example.com", "example.net"));
    }

    static Presence presence(String xml) {
        String s = xml.strip();
        if (!s.contains("xmlns=")) {
            int at = s.indexOf(' ');
            s = s.substring(0, at) + " xmlns='jabber:client'" + s.substring(at);
        }
        try {
            // through the XMPP adapter's codec: it makes Smack use the JDK's StAX, as in the gateway
            return (Presence) org.stoxgw.xmppadapter.stanza.StanzaCodec.parse(s);
        } catch (Exception e) {
            throw new AssertionError("test stanza does not parse: " + xml, e);
        }
    }

    // ------------------------------------------------------------------ SIP input

    /** Delivers a request as the SIP adapter would; the adapter's local tag is {@code localTag}. */
    FakeInbound request(SipRequest r, String localTag) {
        FakeInbound in = new FakeInbound(r, localTag);
        path.onRequest(in);
        return in;
    }

    /**
     * A NOTIFY from the SIP contact in the dialog the gateway's SUBSCRIBE {@code s} started: From =
     * the contact with {@code remoteTag}, To = the gateway's From (with its tag), same Call-ID.
     */
    static SipRequest notifyFor(SipRequest s, String remoteTag, long cseq, String state, SipBody body, String... headers) {
        SipHeaders h = SipHeaders.of("Event", s.headers().first("Event").orElse("presence"), "Subscription-State", state,
                "Contact", "<sip:romeo@192.0.2.7:5060;gr=dr4hcr0st3lup4c>");
        for (int i = 0; i < headers.length; i += 2) {
            h = h.with(headers[i], headers[i + 1]);
        }
        return new SipRequest("NOTIFY", "sip:juliet@192.0.2.1:5060", NameAddress.of(s.to().uri()).withTag(remoteTag),
                s.from(), s.callId(), cseq, h, body == null ? SipBody.EMPTY : body);
    }

    /** A PIDF body with one tuple. */
    static SipBody pidf(String entity, String tupleId, String basic, String show) {
        return SipBody.text("application/pidf+xml", """
                <?xml version='1.0' encoding='UTF-8'?>
                <presence xmlns='urn:ietf:params:xml:ns:pidf' entity='%s'>
                  <tuple id='%s'>
                    <status>
                      <basic>%s</basic>%s
                    </status>
                  </tuple>
                </presence>""".formatted(entity, tupleId, basic,
                show == null ? "" : "\n      <show xmlns='jabber:client'>" + show + "</show>"));
    }

    /** A SUBSCRIBE from a SIP user (new dialog when {@code toTag} is null). */
    static SipRequest subscribe(String from, String fromTag, String to, String toTag, String callId, long cseq, String expires,
                                String contact) {
        SipHeaders h = SipHeaders.of("Event", "presence", "Accept", "application/pidf+xml", "Contact", "<" + contact + ">");
        if (expires != null) {
            h = h.with("Expires", expires);
        }
        NameAddress t = NameAddress.of(to);
        return new SipRequest("SUBSCRIBE", to, NameAddress.of(from).withTag(fromTag), toTag == null ? t : t.withTag(toTag),
                callId, cseq, h, SipBody.EMPTY);
    }
}

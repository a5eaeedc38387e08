package org.stoxgw.core.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stoxgw.core.presence.PresenceHarness.subscribe;

import java.nio.file.Path;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoxgw.core.presence.PresenceStats.Counter;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.SipOutcome;

/** A SIP user subscribes to an XMPP user through the gateway (RFC 8048 §5.3, §6.2, §7.2), against fake adapters. */
class SipToXmppSubscriptionTest {
    static final String JULIET = "juliet@example.com";
    static final String ROMEO = "romeo@example.net";

    @TempDir
    Path dir;
    PresenceHarness h;

    @BeforeEach
    void start() {
        h = PresenceHarness.start(dir, "gateway.presence.fetch-wait = 1s\ngateway.presence.fetch-settle = 50ms\n");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** P6: romeo's SUBSCRIBE without Expires. */
    FakeInbound p6(String callId, String fromTag, String contact) {
        return h.request(subscribe("sip:romeo@example.net", fromTag, "sip:juliet@example.com", null, callId, 1, null, contact),
                "ur93");
    }

    /** SUBSCRIBE → 200 → NOTIFY pending; subscribe; subscribed → NOTIFY active; probe. */
    void approved() {
        approved(true);
    }

    /** As {@link #approved()}; {@code probe} false when a probe is still unanswered (no second one is sent). */
    void approved(boolean probe) {
        FakeInbound sub = p6("AA5A8BE5", "xfg9", "sip:romeo@192.0.2.7:5060;gr=dr4hcr0st3lup4c");
        assertEquals(200, sub.status());
        h.sip.next("NOTIFY").answer(200);
        h.xmpp.next(Presence.Type.subscribe, ROMEO, JULIET);
        h.stanza("<presence from='juliet@example.com' to='romeo@example.net' type='subscribed'/>");
        h.sip.next("NOTIFY").answer(200);
        if (probe) {
            h.xmpp.next(Presence.Type.probe, ROMEO, JULIET);
        }
    }

    @Test
    @DisplayName("P6/PRES-20/PRES-21/SEV-01/SEV-02: SUBSCRIBE → 200 (Expires 3600) → NOTIFY pending at once; subscribe to the XMPP user")
    void p6() {
        FakeInbound sub = p6("AA5A8BE5-CBB7-42B9-8181-6230012B1E11", "xfg9", "sip:romeo@192.0.2.7:5060;gr=dr4hcr0st3lup4c");
        SipResponse r = sub.response();
        assertEquals(200, r.status());
        assertEquals("3600", r.headers().first("Expires").orElseThrow());
        FakeSip.Sent n = h.sip.next("NOTIFY");
        assertEquals("AA5A8BE5-CBB7-42B9-8181-6230012B1E11", n.request().callId());
        assertEquals("sip:romeo@192.0.2.7:5060;gr=dr4hcr0st3lup4c", n.request().requestUri(), "AMB-P11: romeo's Contact");
        assertEquals("<sip:juliet@example.com>;tag=ur93", n.request().from().toString());
        assertEquals("<sip:romeo@example.net>;tag=xfg9", n.request().to().toString());
        assertEquals("presence", n.header("Event"));
        assertTrue(n.header("Subscription-State").startsWith("pending;expires="), n.header("Subscription-State"));
        assertTrue(n.request().body().isEmpty());
        n.answer(200);
        h.xmpp.next(Presence.Type.subscribe, ROMEO, JULIET);
        assertEquals(1, h.stats().sipToXmpp().get("pending"));
    }

    @Test
    @DisplayName("P7/PRES-23/PRES-22, P10/P14/PRES-25/30/31/36: approval → empty NOTIFY active; presence → NOTIFY with PIDF per resource")
    void approvalAndPresence() {
        approved();
        h.stanza("<presence from='juliet@example.com/balcony' to='romeo@example.net' xml:lang='en'>"
                + "<show>dnd</show><status>In a meeting</status><priority>2</priority></presence>");
        FakeSip.Sent n = h.sip.next("NOTIFY");
        assertTrue(n.header("Subscription-State").startsWith("active;expires="));
        assertEquals("en", n.header("Content-Language"));
        assertEquals("application/pidf+xml", n.request().body().contentType());
        String xml = n.request().body().utf8();
        assertTrue(xml.contains("entity='pres:juliet@example.com'"), xml);
        assertTrue(xml.contains("<tuple id='ID-balcony'>"), xml);
        assertTrue(xml.contains("<basic>open</basic>"), xml);
        assertTrue(xml.contains("<show xmlns='jabber:client'>dnd</show>"), xml);
        assertTrue(xml.contains("<contact priority='0.015'>sip:juliet@example.com;gr=balcony</contact>"), xml);
        assertTrue(xml.contains("<note xml:lang='en'>In a meeting</note>"), xml);
        assertTrue(xml.contains("<rpid:busy/>"), "PRES-37: RPID for UAs that show only RPID");
        n.answer(200);
        // PRES-38: a second resource is a second tuple of the same full state
        h.stanza("<presence from='juliet@example.com/garden' to='romeo@example.net'/>");
        FakeSip.Sent bothNotify = h.sip.next("NOTIFY");
        String both = bothNotify.request().body().utf8();
        assertTrue(both.contains("ID-balcony") && both.contains("ID-garden"), both);
        bothNotify.answer(200);
        // PRES-33: unavailable → closed, no SUBSCRIBE (P16)
        h.stanza("<presence from='juliet@example.com/garden' to='romeo@example.net' type='unavailable'/>");
        h.stanza("<presence from='juliet@example.com/balcony' to='romeo@example.net' type='unavailable'/>");
        // the two changes may coalesce (one NOTIFY in flight): read NOTIFYs until the final state
        String lastXml = "";
        for (int i = 0; i < 3 && !(lastXml.contains("<basic>closed</basic>") && !lastXml.contains("open")); i++) {
            FakeSip.Sent n2 = h.sip.next("NOTIFY");
            lastXml = n2.request().body().utf8();
            n2.answer(200);
        }
        assertTrue(lastXml.contains("<tuple id='ID-balcony'>") && lastXml.contains("<basic>closed</basic>"), lastXml);
        h.sip.none(200); // no SUBSCRIBE (P16)
    }

    @Test
    @DisplayName("RFC 6665 4.2.2: one NOTIFY in flight per subscription; changes meanwhile coalesce into one NOTIFY with the latest state")
    void oneInFlight() {
        approved();
        h.stanza("<presence from='juliet@example.com/balcony' to='romeo@example.net'><show>away</show></presence>");
        FakeSip.Sent first = h.sip.next("NOTIFY");
        h.stanza("<presence from='juliet@example.com/balcony' to='romeo@example.net'><show>xa</show></presence>");
        h.stanza("<presence from='juliet@example.com/balcony' to='romeo@example.net'><show>chat</show></presence>");
        h.sip.none(300);
        first.answer(200);
        FakeSip.Sent second = h.sip.next("NOTIFY");
        assertTrue(second.request().body().utf8().contains(">chat<"), second.request().body().utf8());
        assertTrue(second.request().cseq() > first.request().cseq());
        second.answer(200);
        h.sip.none(300);
    }

    @Test
    @DisplayName("P8/PRES-24: unsubscribed → empty NOTIFY terminated;reason=rejected")
    void p8() {
        FakeInbound sub = p6("C8", "xfg9", "sip:romeo@192.0.2.7");
        assertEquals(200, sub.status());
        h.sip.next("NOTIFY").answer(200);
        h.xmpp.next(Presence.Type.subscribe, ROMEO, JULIET);
        h.stanza("<presence from='juliet@example.com' to='romeo@example.net' type='unsubscribed'/>");
        FakeSip.Sent n = h.sip.next("NOTIFY");
        assertEquals("terminated;reason=rejected", n.header("Subscription-State"));
        assertTrue(n.request().body().isEmpty());
        assertEquals("", n.request().body().contentType());
        n.answer(200);
        assertEquals(0, h.stats().sipToXmpp().get("pending"));
    }

    @Test
    @DisplayName("P9/PRES-27/PRES-28: Expires 0 in the dialog → 200, NOTIFY terminated;reason=timeout with PIDF closed, unavailable (never unsubscribe)")
    void p9() {
        approved();
        h.stanza("<presence from='juliet@example.com/balcony' to='romeo@example.net'/>");
        h.sip.next("NOTIFY").answer(200);
        FakeInbound cancel = h.request(subscribe("sip:romeo@example.net", "xfg9", "sip:juliet@example.com", "ur93",
                "AA5A8BE5", 66, "0", "sip:romeo@192.0.2.7:5060;gr=dr4hcr0st3lup4c"), null);
        assertEquals(200, cancel.status());
        FakeSip.Sent n = h.sip.next("NOTIFY");
        assertEquals("terminated;reason=timeout", n.header("Subscription-State"));
        String xml = n.request().body().utf8();
        assertTrue(xml.contains("<tuple id='ID-balcony'>") && xml.contains("<basic>closed</basic>"), xml);
        n.answer(200);
        h.xmpp.next(Presence.Type.unavailable, ROMEO, JULIET);
        h.xmpp.none(200); // P9b: no unsubscribe
        assertEquals(0, h.stats().sipToXmpp().get("active"));
        FakeInbound again = h.request(subscribe("sip:romeo@example.net", "xfg9", "sip:juliet@example.com", "ur93",
                "AA5A8BE5", 67, "60", "sip:romeo@192.0.2.7"), null);
        assertEquals(481, again.status(), "the dialog is over");
    }

    @Test
    @DisplayName("PRES-25/PRES-26: a refresh gets NOTIFY with the known PIDF; without known presence the NOTIFY is empty")
    void refresh() {
        approved();
        FakeInbound r1 = h.request(subscribe("sip:romeo@example.net", "xfg9", "sip:juliet@example.com", "ur93",
                "AA5A8BE5", 2, "600", "sip:romeo@192.0.2.7"), null);
        assertEquals("600", r1.response().headers().first("Expires").orElseThrow());
        FakeSip.Sent empty = h.sip.next("NOTIFY");
        assertTrue(empty.request().body().isEmpty(), "PRES-26: unknown → empty");
        assertEquals("sip:romeo@192.0.2.7", empty.request().requestUri(), "target refresh by the SUBSCRIBE's Contact");
        empty.answer(200);
        h.stanza("<presence from='juliet@example.com/balcony' to='romeo@example.net'><show>away</show></presence>");
        h.sip.next("NOTIFY").answer(200);
        FakeInbound r2 = h.request(subscribe("sip:romeo@example.net", "xfg9", "sip:juliet@example.com", "ur93",
                "AA5A8BE5", 3, "600", "sip:romeo@192.0.2.7"), null);
        assertEquals(200, r2.status());
        FakeSip.Sent known = h.sip.next("NOTIFY");
        assertTrue(known.request().body().utf8().contains(">away<"), "PRES-25");
        known.answer(200);
        FakeInbound stale = h.request(subscribe("sip:romeo@example.net", "xfg9", "sip:juliet@example.com", "ur93",
                "AA5A8BE5", 3, "600", "sip:romeo@192.0.2.7"), null);
        assertEquals(500, stale.status(), "RFC 3261 12.2.2: CSeq not higher");
    }

    @Test
    @DisplayName("SEV-04: too short an Expires gets 423 with Min-Expires")
    void tooBrief() {
        FakeInbound r = h.request(subscribe("sip:romeo@example.net", "t1", "sip:juliet@example.com", null, "B1", 1, "10",
                "sip:romeo@192.0.2.7"), "l1");
        assertEquals(423, r.status());
        assertEquals("60", r.response().headers().first("Min-Expires").orElseThrow());
        h.xmpp.none(200);
    }

    @Test
    @DisplayName("P13/PRES-46: a fetch (Expires 0, new dialog) probes the XMPP user and answers with one NOTIFY terminated;reason=timeout")
    void fetch() {
        FakeInbound f = h.request(subscribe("sip:romeo@example.net", "yt66", "sip:juliet@example.com", null,
                "717B1B84-F080-4F12-9F44-0EC1ADE767B9", 1, "0", "sip:romeo@192.0.2.7"), "f1");
        assertEquals(200, f.status());
        h.xmpp.next(Presence.Type.probe, ROMEO, JULIET);
        h.stanza("<presence from='juliet@example.com/balcony' to='romeo@example.net'><show>away</show></presence>");
        FakeSip.Sent n = h.sip.next("NOTIFY");
        assertEquals("terminated;reason=timeout", n.header("Subscription-State"));
        assertTrue(n.request().body().utf8().contains(">away<"));
        n.answer(200);
        // nobody answers the probe: an empty NOTIFY after fetch-wait (PRES-26)
        FakeInbound f2 = h.request(subscribe("sip:romeo@example.net", "yt67", "sip:juliet@example.com", null, "F2", 1, "0",
                "sip:romeo@192.0.2.7"), "f2");
        assertEquals(200, f2.status());
        h.xmpp.next(Presence.Type.probe, ROMEO, JULIET);
        FakeSip.Sent n2 = h.sip.next("NOTIFY");
        assertEquals("terminated;reason=timeout", n2.header("Subscription-State"));
        assertTrue(n2.request().body().isEmpty());
        n2.answer(200);
        // an approved pair with known presence answers at once, no probe (a fresh gateway: no probe pending)
        h.close();
        h = PresenceHarness.start(dir, "");
        approved();
        h.stanza("<presence from='juliet@example.com/balcony' to='romeo@example.net'/>");
        h.sip.next("NOTIFY").answer(200);
        FakeInbound f3 = h.request(subscribe("sip:romeo@example.net", "yt68", "sip:juliet@example.com", null, "F3", 1, "0",
                "sip:romeo@192.0.2.7"), "f3");
        assertEquals(200, f3.status());
        FakeSip.Sent n3 = h.sip.next("NOTIFY");
        assertEquals("F3", n3.request().callId());
        assertTrue(n3.request().body().utf8().contains("<basic>open</basic>"));
        h.xmpp.none(200);
    }

    @Test
    @DisplayName("PRES-49/AMB-P12: presence to a SIP user without subscription is dropped and counted; before approval it is suppressed; only the addressee's dialogs are notified")
    void onlyTheAddressee() {
        h.stanza("<presence from='juliet@example.com/balcony' to='romeo@example.net'/>");
        h.sip.none(200);
        PresenceHarness.eventually(1, () -> h.stats().get(Counter.DROPPED_NO_SUBSCRIPTION), "dropped, no subscription");
        // benvolio subscribes but is not approved yet: nothing about juliet reaches him (Prosody's ack unavailable included)
        FakeInbound b = h.request(subscribe("sip:benvolio@example.net", "b1", "sip:juliet@example.com", null, "BEN", 1, "3600",
                "sip:benvolio@192.0.2.8"), "bl");
        assertEquals(200, b.status());
        h.sip.next("NOTIFY").answer(200);
        h.xmpp.next(Presence.Type.subscribe, "benvolio@example.net", JULIET);
        h.stanza("<presence from='juliet@example.com' to='benvolio@example.net' type='unavailable'/>");
        h.sip.none(200);
        PresenceHarness.eventually(1, () -> h.stats().get(Counter.SUPPRESSED_PENDING), "suppressed while pending");
        // romeo approved: directed presence to romeo goes into romeo's dialog only
        approved();
        h.stanza("<presence from='juliet@example.com/balcony' to='romeo@example.net'><show>chat</show></presence>");
        FakeSip.Sent n = h.sip.next("NOTIFY");
        assertEquals("AA5A8BE5", n.request().callId());
        assertEquals("sip:romeo@192.0.2.7:5060;gr=dr4hcr0st3lup4c", n.request().requestUri());
        n.answer(200);
        h.sip.none(300);
    }

    @Test
    @DisplayName("AMB-P07: a permanent XMPP error for the subscribe ends it with noresource; a 481 to a NOTIFY removes the subscription")
    void errors() {
        FakeInbound sub = p6("E1", "xfg9", "sip:romeo@192.0.2.7");
        assertEquals(200, sub.status());
        h.sip.next("NOTIFY").answer(200);
        h.xmpp.next(Presence.Type.subscribe, ROMEO, JULIET);
        h.stanza("<presence from='juliet@example.com' to='romeo@example.net' type='error'><error type='cancel'>"
                + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>");
        FakeSip.Sent n = h.sip.next("NOTIFY");
        assertEquals("terminated;reason=noresource", n.header("Subscription-State"));
        n.answer(200);
        approved();
        h.stanza("<presence from='juliet@example.com/balcony' to='romeo@example.net'/>");
        h.sip.next("NOTIFY").answer(481);
        h.xmpp.next(Presence.Type.unavailable, ROMEO, JULIET);
        PresenceHarness.eventually(0, () -> h.stats().sipToXmpp().get("dialogs"), "dialogs after the 481");
        assertFalse(h.stats().get(Counter.NOTIFY_FAILURES) == 0);
    }

    @Test
    @DisplayName("RFC 6665 4.2.2: an unrefreshed subscription expires with NOTIFY terminated;reason=timeout; a timed-out NOTIFY removes it")
    void expiry() {
        h.close();
        h = PresenceHarness.start(dir, "gateway.presence.min-expires = 1s\n");
        FakeInbound sub = h.request(subscribe("sip:romeo@example.net", "x1", "sip:juliet@example.com", null, "X1", 1, "1",
                "sip:romeo@192.0.2.7"), "l1");
        assertEquals(200, sub.status());
        h.sip.next("NOTIFY").answer(200);
        h.xmpp.next(Presence.Type.subscribe, ROMEO, JULIET);
        FakeSip.Sent end = h.sip.next("NOTIFY");
        assertEquals("terminated;reason=timeout", end.header("Subscription-State"));
        end.answer(200);
        FakeInbound sub2 = h.request(subscribe("sip:romeo@example.net", "x2", "sip:juliet@example.com", null, "X2", 1, "60",
                "sip:romeo@192.0.2.7"), "l2");
        assertEquals(200, sub2.status());
        h.sip.next("NOTIFY").outcome().complete(new SipOutcome.Failure(SipOutcome.Kind.TIMEOUT, "test"));
        h.xmpp.next(Presence.Type.subscribe, ROMEO, JULIET);
        h.sip.none(300);
        PresenceHarness.eventually(0, () -> h.stats().sipToXmpp().get("dialogs"), "gone after the NOTIFY timed out");
    }

    @Test
    @DisplayName("A SIP user may subscribe from several devices (dialogs-per-pair); PUBLISH is refused 405; other packages 489")
    void devicesAndRefusals() {
        approved();
        FakeInbound second = h.request(subscribe("sip:romeo@example.net", "dev2", "sip:juliet@example.com", null, "DEV2", 1,
                "3600", "sip:romeo@192.0.2.9"), "l2");
        assertEquals(200, second.status());
        FakeSip.Sent n = h.sip.next("NOTIFY");
        assertEquals("DEV2", n.request().callId());
        assertTrue(n.header("Subscription-State").startsWith("active"), "an approved user's new device is active at once");
        n.answer(200);
        h.xmpp.none(200); // the probe after approval is still unanswered: no second probe
        h.stanza("<presence from='juliet@example.com/balcony' to='romeo@example.net'/>");
        FakeSip.Sent a = h.sip.next("NOTIFY");
        FakeSip.Sent b = h.sip.next("NOTIFY");
        assertEquals(java.util.Set.of("AA5A8BE5", "DEV2"), java.util.Set.of(a.request().callId(), b.request().callId()));
        var publish = new org.stoxgw.mapping.sip.SipRequest("PUBLISH", "sip:juliet@example.com",
                org.stoxgw.mapping.sip.NameAddress.of("sip:romeo@example.net").withTag("p"),
                org.stoxgw.mapping.sip.NameAddress.of("sip:juliet@example.com"), "P1", 1, null, null);
        FakeInbound pub = h.request(publish, "l");
        assertEquals(405, pub.status());
        assertTrue(pub.response().headers().first("Allow").orElseThrow().contains("SUBSCRIBE"));
        var dialogSub = new org.stoxgw.mapping.sip.SipRequest("SUBSCRIBE", "sip:juliet@example.com",
                org.stoxgw.mapping.sip.NameAddress.of("sip:romeo@example.net").withTag("d"),
                org.stoxgw.mapping.sip.NameAddress.of("sip:juliet@example.com"), "D1", 1,
                org.stoxgw.mapping.sip.SipHeaders.of("Event", "dialog"), null);
        FakeInbound d = h.request(dialogSub, "l");
        assertEquals(489, d.status());
        assertEquals("presence", d.response().headers().first("Allow-Events").orElseThrow());
    }
}

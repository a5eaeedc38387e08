package org.stoxgw.core.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stoxgw.core.presence.PresenceHarness.notifyFor;
import static org.stoxgw.core.presence.PresenceHarness.pidf;

import java.nio.file.Path;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoxgw.core.presence.PresenceStats.Counter;
import org.stoxgw.mapping.sip.SipBody;

/** An XMPP user subscribes to a SIP contact through the gateway (RFC 8048 §5.2), against fake adapters. */
class XmppToSipSubscriptionTest {
    static final String JULIET = "juliet@example.com";
    static final String ROMEO = "romeo@example.net";

    @TempDir
    Path dir;
    PresenceHarness h;

    @BeforeEach
    void start() {
        h = PresenceHarness.start(dir, "");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** subscribe → SUBSCRIBE → 200 → NOTIFY active (open) → subscribed + presence; returns the SUBSCRIBE. */
    FakeSip.Sent authorized() {
        h.stanza("<presence from='juliet@example.com' to='romeo@example.net' type='subscribe'/>");
        FakeSip.Sent s = h.sip.next("SUBSCRIBE");
        s.answer(200, "To", "<sip:romeo@example.net>;tag=ffd2", "Contact", "<sip:romeo@192.0.2.7:5060>", "Expires", "3600");
        FakeInbound n = h.request(notifyFor(s.request(), "ffd2", 1, "active;expires=3600",
                pidf("pres:romeo@example.net", "ID-dr4hcr0st3lup4c", "open", null)), null);
        assertEquals(200, n.status());
        h.xmpp.next(Presence.Type.subscribed, ROMEO, JULIET);
        h.xmpp.next(Presence.Type.available, ROMEO + "/dr4hcr0st3lup4c", JULIET);
        return s;
    }

    @Test
    @DisplayName("P1-P4/PRES-04/05/06/07/08/43: subscribe → SUBSCRIBE; 200 and pending say nothing; first active → subscribed + presence with show")
    void subscribeToActive() {
        h.stanza("<presence from='juliet@example.com' to='romeo@example.net' type='subscribe'/>");
        FakeSip.Sent s = h.sip.next("SUBSCRIBE");
        // P1 / PRES-04 / SEV-01
        assertEquals("sip:romeo@example.net", s.request().requestUri());
        assertEquals("sip:romeo@example.net", s.request().to().uri());
        assertTrue(s.request().to().tag().isEmpty());
        assertEquals("sip:juliet@example.com", s.request().from().uri(), "From = the user's SIP URI");
        assertTrue(s.request().from().tag().isPresent());
        assertEquals("presence", s.header("Event"));
        assertEquals("application/pidf+xml", s.header("Accept"));
        assertEquals("3600", s.header("Expires"));
        // PRES-48: the SIP side sees a user of the domain the gateway serves, related to the gateway (PS policy)
        assertEquals("example.com", s.request().from().uri().substring(s.request().from().uri().indexOf('@') + 1));
        // P2 / PRES-05: the 200 says nothing to XMPP yet
        s.answer(200, "To", "<sip:romeo@example.net>;tag=ffd2", "Contact", "<sip:romeo@192.0.2.7:5060>", "Expires", "3600");
        h.xmpp.none(300);
        // P3 / PRES-06: pending is answered and suppressed
        FakeInbound pending = h.request(notifyFor(s.request(), "ffd2", 1, "pending;expires=3600", null), null);
        assertEquals(200, pending.status());
        h.xmpp.none(300);
        // P4 / PRES-07/08/43
        FakeInbound active = h.request(notifyFor(s.request(), "ffd2", 2, "active;expires=499",
                pidf("pres:romeo@example.net", "ID-dr4hcr0st3lup4c", "open", "away")), null);
        assertEquals(200, active.status());
        h.xmpp.next(Presence.Type.subscribed, ROMEO, JULIET);
        Presence p = h.xmpp.next(Presence.Type.available, ROMEO + "/dr4hcr0st3lup4c", JULIET);
        assertEquals(Presence.Mode.away, p.getMode(), "P4 corrected: the show is copied");
        assertEquals(1, h.stats().xmppToSip().get("authorized"));
    }

    @Test
    @DisplayName("PRES-08: a first active NOTIFY without body: subscribed, then the contact is unknown (unavailable from the bare JID)")
    void activeWithoutBody() {
        h.stanza("<presence from='juliet@example.com' to='romeo@example.net' type='subscribe'/>");
        FakeSip.Sent s = h.sip.next("SUBSCRIBE");
        h.request(notifyFor(s.request(), "ffd2", 1, "active", null), null).status(); // NOTIFY before the 200 (RFC 6665 4.1.2.4)
        h.xmpp.next(Presence.Type.subscribed, ROMEO, JULIET);
        h.xmpp.next(Presence.Type.unavailable, ROMEO, JULIET);
        s.answer(200, "To", "<sip:romeo@example.net>;tag=ffd2", "Expires", "3600");
        h.xmpp.none(200);
    }

    @Test
    @DisplayName("P11/PRES-41/AMB-P03: closed goes to the same full JID that was announced available; AMB-P08 several tuples, several resources")
    void closedAndSeveralTuples() {
        FakeSip.Sent s = authorized();
        SipBody two = SipBody.text("application/pidf+xml", """
                <?xml version='1.0' encoding='UTF-8'?>
                <presence xmlns='urn:ietf:params:xml:ns:pidf' entity='pres:romeo@example.net'>
                  <tuple id='ID-dr4hcr0st3lup4c'><status><basic>open</basic><show xmlns='jabber:client'>dnd</show></status></tuple>
                  <tuple id='ID-desk'><status><basic>open</basic></status><contact priority='0.5'>sip:romeo@example.net</contact></tuple>
                </presence>""");
        h.request(notifyFor(s.request(), "ffd2", 2, "active", two), null).status();
        Presence dnd = h.xmpp.next(Presence.Type.available, ROMEO + "/dr4hcr0st3lup4c", JULIET);
        assertEquals(Presence.Mode.dnd, dnd.getMode());
        Presence desk = h.xmpp.next(Presence.Type.available, ROMEO + "/desk", JULIET);
        assertEquals(64, desk.getPriority(), "PRES-42: 0.5 → 64");
        // P11: closed for dr4hcr0st3lup4c; the desk tuple is gone from the full state → unavailable too
        h.request(notifyFor(s.request(), "ffd2", 3, "active;expires=499",
                pidf("pres:romeo@example.net", "ID-dr4hcr0st3lup4c", "closed", null)), null).status();
        Presence a = h.xmpp.next();
        Presence b = h.xmpp.next();
        assertEquals(Presence.Type.unavailable, a.getType());
        assertEquals(Presence.Type.unavailable, b.getType());
        assertEquals(java.util.Set.of(ROMEO + "/dr4hcr0st3lup4c", ROMEO + "/desk"),
                java.util.Set.of(a.getFrom().toString(), b.getFrom().toString()));
        // the same state again sends nothing (no stale repeats)
        h.request(notifyFor(s.request(), "ffd2", 4, "active;expires=499",
                pidf("pres:romeo@example.net", "ID-dr4hcr0st3lup4c", "closed", null)), null).status();
        h.xmpp.none(300);
    }

    @Test
    @DisplayName("P5/PRES-16/17/18/19 (AMB-P02): unsubscribe → SUBSCRIBE Expires 0 in the dialog → unsubscribed on 200; the gateway sends no NOTIFY")
    void unsubscribe() {
        FakeSip.Sent s = authorized();
        h.stanza("<presence from='juliet@example.com' to='romeo@example.net' type='unsubscribe'/>");
        FakeSip.Sent un = h.sip.next("SUBSCRIBE");
        assertEquals("0", un.header("Expires"));
        assertEquals(s.request().callId(), un.request().callId(), "in the existing dialog");
        assertEquals("ffd2", un.request().to().tag().orElseThrow());
        assertTrue(un.request().requestUri().startsWith("sip:romeo@192.0.2.7:5060"),
                "to the remote target (the 2xx's or the last NOTIFY's Contact, whichever came last)");
        assertTrue(un.request().cseq() > s.request().cseq());
        h.xmpp.none(200); // PRES-17: not before the 200
        un.answer(200, "To", "<sip:romeo@example.net>;tag=ffd2", "Expires", "0");
        h.xmpp.next(Presence.Type.unavailable, ROMEO + "/dr4hcr0st3lup4c", JULIET); // RFC 6121 3.3.3
        h.xmpp.next(Presence.Type.unsubscribed, ROMEO, JULIET);
        // the notifier's final NOTIFY is answered, not translated (stale for the user)
        FakeInbound fin = h.request(notifyFor(s.request(), "ffd2", 2, "terminated;reason=timeout",
                pidf("pres:romeo@example.net", "ID-dr4hcr0st3lup4c", "closed", null)), null);
        assertEquals(200, fin.status(), "RFC 6665 4.1.2.3: the final NOTIFY is expected and answered 200");
        h.xmpp.none(200);
        h.sip.none(200); // PRES-18 / AMB-P02: no NOTIFY from the subscriber
    }

    @Test
    @DisplayName("PRES-19: cancelling the outbound authorization leaves the inbound one (romeo → juliet) untouched")
    void cancelLeavesInbound() {
        FakeInbound sub = h.request(PresenceHarness.subscribe("sip:romeo@example.net", "xfg9", "sip:juliet@example.com", null,
                "AA5A8BE5", 1, "3600", "sip:romeo@192.0.2.7"), "ur93");
        assertEquals(200, sub.status());
        h.sip.next("NOTIFY").answer(200);
        h.xmpp.next(Presence.Type.subscribe, ROMEO, JULIET);
        h.stanza("<presence from='juliet@example.com' to='romeo@example.net' type='subscribed'/>");
        h.sip.next("NOTIFY").answer(200);
        h.xmpp.next(Presence.Type.probe, ROMEO, JULIET);
        FakeSip.Sent s = authorized();
        h.stanza("<presence from='juliet@example.com' to='romeo@example.net' type='unsubscribe'/>");
        h.sip.next("SUBSCRIBE").answer(200);
        h.xmpp.next(Presence.Type.unavailable, ROMEO + "/dr4hcr0st3lup4c", JULIET);
        h.xmpp.next(Presence.Type.unsubscribed, ROMEO, JULIET);
        assertNotNull(s);
        h.stanza("<presence from='juliet@example.com/balcony' to='romeo@example.net'><show>away</show></presence>");
        FakeSip.Sent n = h.sip.next("NOTIFY");
        assertEquals("AA5A8BE5", n.request().callId(), "romeo's subscription still notified");
        assertTrue(n.request().body().utf8().contains("away"));
        n.answer(200);
    }

    @Test
    @DisplayName("PRES-13/AMB-P05: 403, 489 or 603 to a refresh cancel the authorization: unavailable, then unsubscribed")
    void refreshRefused() {
        for (int status : new int[] {403, 489, 603}) {
            FakeSip.Sent s = authorized();
            h.stanza("<presence from='juliet@example.com/balcony' to='romeo@example.net' type='probe'/>");
            FakeSip.Sent r = h.sip.next("SUBSCRIBE");
            assertEquals(s.request().callId(), r.request().callId(), "PRES-10: a probe refreshes in the dialog");
            r.answer(status);
            h.xmpp.next(Presence.Type.unavailable, ROMEO + "/dr4hcr0st3lup4c", JULIET);
            h.xmpp.next(Presence.Type.unsubscribed, ROMEO, JULIET);
            assertEquals(0, h.stats().xmppToSip().get("authorized"));
        }
    }

    @Test
    @DisplayName("P15/PRES-14: 423 → retry with Min-Expires, 481 → new dialog, 503 → retry later; never unsubscribed")
    void transientRefreshOutcomes() {
        FakeSip.Sent s = authorized();
        h.stanza("<presence from='juliet@example.com/balcony' to='romeo@example.net' type='probe'/>");
        FakeSip.Sent r1 = h.sip.next("SUBSCRIBE");
        r1.answer(423, "Min-Expires", "7200");
        FakeSip.Sent r2 = h.sip.next("SUBSCRIBE");
        assertEquals("7200", r2.header("Expires"));
        assertEquals(s.request().callId(), r2.request().callId());
        r2.answer(481);
        FakeSip.Sent r3 = h.sip.next("SUBSCRIBE");
        assertNotEquals(s.request().callId(), r3.request().callId(), "a new dialog");
        assertTrue(r3.request().to().tag().isEmpty());
        r3.answer(503);
        // no dialog any more: romeo's presence is unknown until the retry succeeds (never shown stale)
        h.xmpp.next(Presence.Type.unavailable, ROMEO + "/dr4hcr0st3lup4c", JULIET);
        h.xmpp.none(300); // but no unsubscribed: the authorization stays
        assertEquals(1, h.stats().xmppToSip().get("authorized") + h.stats().xmppToSip().get("lapsed"),
                "the authorization stays");
        assertTrue(h.stats().get(Counter.REFRESH_FAILURES) >= 1);
    }

    @Test
    @DisplayName("PRES-13 / AMB-P07: the first SUBSCRIBE refused (603) gives unsubscribed; not found (404) a presence error")
    void initialFailures() {
        h.stanza("<presence from='juliet@example.com' to='romeo@example.net' type='subscribe'/>");
        h.sip.next("SUBSCRIBE").answer(603);
        h.xmpp.next(Presence.Type.unsubscribed, ROMEO, JULIET);
        h.stanza("<presence from='juliet@example.com' to='nobody@example.net' type='subscribe'/>");
        h.sip.next("SUBSCRIBE").answer(404);
        Presence e = h.xmpp.next(Presence.Type.error, "nobody@example.net", JULIET);
        assertEquals(StanzaError.Condition.item_not_found, e.getError().getCondition());
    }

    @Test
    @DisplayName("AMB-P06: terminated;reason=deactivated → a new SUBSCRIBE; deactivated again at once → back-off, no loop")
    void terminatedBySip() {
        FakeSip.Sent s = authorized();
        h.request(notifyFor(s.request(), "ffd2", 2, "terminated;reason=deactivated", null), null).status();
        FakeSip.Sent again = h.sip.next("SUBSCRIBE");
        assertNotEquals(s.request().callId(), again.request().callId());
        h.xmpp.none(200);
        again.answer(200, "To", "<sip:romeo@example.net>;tag=t2", "Expires", "3600");
        // a notifier that deactivates every new subscription at once gets no SUBSCRIBE loop (back-off)
        h.request(notifyFor(again.request(), "t2", 1, "terminated;reason=deactivated", null), null).status();
        h.sip.none(500);
        PresenceHarness.eventually(1, () -> h.stats().xmppToSip().get("lapsed"), "waiting for the retry, authorization kept");
    }

    @Test
    @DisplayName("AMB-P06: terminated;reason=rejected → unavailable + unsubscribed")
    void rejectedBySip() {
        FakeSip.Sent s = authorized();
        FakeSip.Sent again = s;
        h.request(notifyFor(again.request(), "ffd2", 2, "terminated;reason=rejected", null), null).status();
        h.xmpp.next(Presence.Type.unavailable, ROMEO + "/dr4hcr0st3lup4c", JULIET);
        h.xmpp.next(Presence.Type.unsubscribed, ROMEO, JULIET);
    }

    @Test
    @DisplayName("PRES-49: NOTIFYs that match no dialog of the gateway get 481; stale CSeq 500; bad PIDF 400 — none reaches XMPP")
    void foreignAndBadNotifies() {
        FakeSip.Sent s = authorized();
        FakeInbound spoof = h.request(notifyFor(s.request(), "other-tag", 9, "active",
                pidf("pres:romeo@example.net", "x", "open", "chat")), null);
        assertEquals(481, spoof.status());
        FakeInbound stale = h.request(notifyFor(s.request(), "ffd2", 1, "active",
                pidf("pres:romeo@example.net", "x", "open", "chat")), null);
        assertEquals(500, stale.status());
        FakeInbound bad = h.request(notifyFor(s.request(), "ffd2", 5, "active",
                SipBody.text("application/pidf+xml", "<presence xmlns='urn:ietf:params:xml:ns:pidf'><tuple")), null);
        assertEquals(400, bad.status());
        FakeInbound noState = h.request(new org.stoxgw.mapping.sip.SipRequest("NOTIFY", "sip:juliet@192.0.2.1",
                notifyFor(s.request(), "ffd2", 6, "active", null).from(), s.request().from(), s.request().callId(), 6,
                org.stoxgw.mapping.sip.SipHeaders.of("Event", "presence"), null), null);
        assertEquals(400, noState.status());
        h.xmpp.none(300);
        // another XMPP user's dialog does not exist for romeo's NOTIFY to alice
        FakeInbound alice = h.request(new org.stoxgw.mapping.sip.SipRequest("NOTIFY", "sip:alice@192.0.2.1",
                notifyFor(s.request(), "ffd2", 7, "active", null).from(),
                org.stoxgw.mapping.sip.NameAddress.of("sip:alice@example.com").withTag(s.request().from().tag().orElseThrow()),
                s.request().callId(), 7, org.stoxgw.mapping.sip.SipHeaders.of("Event", "presence", "Subscription-State", "active"),
                pidf("pres:romeo@example.net", "x", "open", "chat")), null);
        assertEquals(481, alice.status());
        h.xmpp.none(200);
    }

    @Test
    @DisplayName("P12/PRES-44/PRES-49: a probe without subscription polls with Expires 0 in a new dialog; the answer goes to the prober only")
    void probePolls() {
        h.stanza("<presence from='juliet@example.com/chamber' to='romeo@example.net' type='probe'/>");
        FakeSip.Sent f = h.sip.next("SUBSCRIBE");
        assertEquals("0", f.header("Expires"));
        assertTrue(f.request().to().tag().isEmpty(), "new dialog");
        f.answer(200, "To", "<sip:romeo@example.net>;tag=p1", "Expires", "0");
        h.request(notifyFor(f.request(), "p1", 1, "terminated;reason=timeout",
                pidf("pres:romeo@example.net", "ID-office", "open", "xa")), null).status();
        Presence p = h.xmpp.next(Presence.Type.available, ROMEO + "/office", JULIET + "/chamber");
        assertEquals(Presence.Mode.xa, p.getMode());
        h.xmpp.none(200);
        assertEquals(0, h.stats().xmppToSip().get("requested"), "a poll is no subscription");
    }

    @Test
    @DisplayName("PRES-09/11/15 (AMB-P09): before a refresh the gateway probes the user; an available answer refreshes")
    void probeBeforeRefresh() {
        h.stanza("<presence from='juliet@example.com' to='romeo@example.net' type='subscribe'/>");
        FakeSip.Sent s = h.sip.next("SUBSCRIBE");
        s.answer(200, "To", "<sip:romeo@example.net>;tag=ffd2", "Expires", "6"); // probe after 3 s, leaving 3 s for the answer
        h.request(notifyFor(s.request(), "ffd2", 1, "active", null), null).status();
        h.xmpp.next(Presence.Type.subscribed, ROMEO, JULIET);
        h.xmpp.next(Presence.Type.unavailable, ROMEO, JULIET);
        h.xmpp.next(Presence.Type.probe, ROMEO, JULIET); // PRES-15: to the bare JID, from the contact's address
        h.sip.none(100);
        h.stanza("<presence from='juliet@example.com/balcony' to='romeo@example.net'/>");
        FakeSip.Sent refresh = h.sip.next("SUBSCRIBE");
        assertEquals(s.request().callId(), refresh.request().callId());
        assertEquals("3600", refresh.header("Expires"));
        assertEquals(1, h.stats().get(Counter.REFRESHES));
    }

    @Test
    @DisplayName("AMB-P09/AMB-P13: the probe says offline → no refresh; the dialog lapses without leaving stale presence; a login probe re-subscribes (PRES-10)")
    void offlineLapses() {
        h.stanza("<presence from='juliet@example.com' to='romeo@example.net' type='subscribe'/>");
        FakeSip.Sent s = h.sip.next("SUBSCRIBE");
        s.answer(200, "To", "<sip:romeo@example.net>;tag=ffd2", "Expires", "2");
        h.request(notifyFor(s.request(), "ffd2", 1, "active", pidf("pres:romeo@example.net", "ID-desk", "open", null)), null)
                .status();
        h.xmpp.next(Presence.Type.subscribed, ROMEO, JULIET);
        h.xmpp.next(Presence.Type.available, ROMEO + "/desk", JULIET);
        h.xmpp.next(Presence.Type.probe, ROMEO, JULIET);
        h.stanza("<presence from='juliet@example.com' to='romeo@example.net' type='unavailable'/>");
        h.xmpp.next(Presence.Type.unavailable, ROMEO + "/desk", JULIET); // lapsed at expiry: not shown stale
        h.sip.none(200);
        assertEquals(1, h.stats().get(Counter.LAPSED));
        assertEquals(1, h.stats().xmppToSip().get("lapsed"));
        h.stanza("<presence from='juliet@example.com/balcony' to='romeo@example.net' type='probe'/>");
        FakeSip.Sent again = h.sip.next("SUBSCRIBE");
        assertNotEquals(s.request().callId(), again.request().callId());
        assertEquals("3600", again.header("Expires"));
        again.answer(200, "To", "<sip:romeo@example.net>;tag=x2", "Expires", "3600");
        h.request(notifyFor(again.request(), "x2", 1, "active", pidf("pres:romeo@example.net", "ID-desk", "open", null)), null)
                .status();
        h.xmpp.next(Presence.Type.available, ROMEO + "/desk", JULIET); // no second subscribed
        assertEquals(0, h.stats().xmppToSip().get("lapsed"));
    }

    @Test
    @DisplayName("PRES-47: presence for a domain the gateway does not serve is refused with an error; errors are never answered")
    void unservedDomain() {
        h.stanza("<presence from='juliet@example.com' to='romeo@elsewhere.example' type='subscribe'/>");
        Presence e = h.xmpp.next(Presence.Type.error, "romeo@elsewhere.example", JULIET);
        assertNotNull(e.getError());
        h.stanza("<presence from='juliet@example.com' to='romeo@elsewhere.example' type='error'>"
                + "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>");
        h.xmpp.none(200);
        h.sip.none(100);
        assertFalse(h.stats().get(Counter.REFUSED) == 0);
    }
}

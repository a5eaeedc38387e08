package org.stoxgw.mapping.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;

/** SUBSCRIBE and NOTIFY built from dialog state, per RFC 3261 §12 and RFC 6665 (AMB-P11). */
class PresenceRequestsTest {

    static SubscriptionDialog julietToRomeo() {
        return SubscriptionDialog.subscriber("5BCF940D-793D-43F8-8972-218F7F4EAA8C", "sip:juliet@example.com", "j89d",
                "sip:romeo@example.net");
    }

    @Test
    @DisplayName("P1/PRES-04/SEV-01: subscribe becomes SUBSCRIBE with Event presence, Accept PIDF, Expires > 0, From user, To contact")
    void p1() {
        SipRequest s = PresenceRequests.subscribe(julietToRomeo(), 1, EventPackage.PRESENCE, 3600);
        assertEquals("SUBSCRIBE", s.method());
        assertEquals("sip:romeo@example.net", s.requestUri());
        assertEquals("<sip:romeo@example.net>", s.to().toString(), "P1 corrected: a To header, no tag yet");
        assertEquals("<sip:juliet@example.com>;tag=j89d", s.from().toString());
        assertEquals("5BCF940D-793D-43F8-8972-218F7F4EAA8C", s.callId());
        assertEquals(1, s.cseq());
        assertEquals("presence", s.headers().first("Event").orElseThrow());
        assertEquals("application/pidf+xml", s.headers().first("Accept").orElseThrow());
        assertEquals("3600", s.headers().first("Expires").orElseThrow());
        assertFalse(s.headers().contains("Route"));
        assertTrue(s.body().isEmpty());
    }

    @Test
    @DisplayName("P2/P5/PRES-12/PRES-16: the 2xx confirms the dialog (RFC 6665/3261 dialog rules); unsubscribe is SUBSCRIBE Expires 0 in it (To tag, remote target, reversed Record-Route)")
    void p5() {
        SipResponse ok = new SipResponse(200, "OK", SipHeaders.of("To", "<sip:romeo@example.net>;tag=ffd2",
                "Contact", "<sip:romeo@192.0.2.7:5070>;gr=dr4hcr0st3lup4c",
                "Record-Route", "<sip:p1.example.net;lr>", "Record-Route", "<sip:p2.example.net;lr>", "Expires", "3600"), null);
        SubscriptionDialog d = julietToRomeo().confirmedBy(ok);
        assertTrue(d.confirmed());
        assertEquals("ffd2", d.remoteTag());
        assertEquals("sip:romeo@192.0.2.7:5070", d.remoteTarget());
        assertEquals(List.of("<sip:p2.example.net;lr>", "<sip:p1.example.net;lr>"), d.routeSet(), "RFC 3261 12.1.2: reversed");
        SipRequest un = PresenceRequests.subscribe(d, 42, EventPackage.PRESENCE, 0);
        assertEquals("sip:romeo@192.0.2.7:5070", un.requestUri());
        assertEquals("<sip:romeo@example.net>;tag=ffd2", un.to().toString(), "P5 corrected: To domain example.net");
        assertEquals("<sip:juliet@example.com>;tag=j89d", un.from().toString());
        assertEquals("5BCF940D-793D-43F8-8972-218F7F4EAA8C", un.callId());
        assertEquals(42, un.cseq());
        assertEquals("0", un.headers().first("Expires").orElseThrow());
        assertEquals(List.of("<sip:p2.example.net;lr>", "<sip:p1.example.net;lr>"), un.headers().all("Route"));
        // a later 2xx is a target refresh only
        SubscriptionDialog again = d.confirmedBy(new SipResponse(200, "OK", SipHeaders.of("To", "<sip:romeo@example.net>;tag=zzz",
                "Contact", "<sip:romeo@192.0.2.8>"), null));
        assertEquals("ffd2", again.remoteTag());
        assertEquals("sip:romeo@192.0.2.8", again.remoteTarget());
        assertEquals(d.routeSet(), again.routeSet());
    }

    @Test
    @DisplayName("P4/RFC 6665 4.1.2.4: a NOTIFY before the 2xx confirms the dialog (From tag, Contact, Record-Route in order)")
    void notifyFirst() {
        SipRequest notify = new SipRequest("NOTIFY", "sip:juliet@192.0.2.1", NameAddress.parse("<sip:romeo@example.net>;tag=ffd2"),
                NameAddress.parse("<sip:juliet@example.com>;tag=j89d"), "5BCF940D-793D-43F8-8972-218F7F4EAA8C", 2,
                SipHeaders.of("Contact", "<sip:romeo@192.0.2.7>", "Record-Route", "<sip:p1;lr>", "Record-Route", "<sip:p2;lr>",
                        "Event", "presence", "Subscription-State", "active;expires=499"), null);
        SubscriptionDialog d = julietToRomeo();
        assertTrue(d.matches(notify), "unconfirmed: any From tag");
        d = d.confirmedBy(notify);
        assertEquals("ffd2", d.remoteTag());
        assertEquals("sip:romeo@192.0.2.7", d.remoteTarget());
        assertEquals(List.of("<sip:p1;lr>", "<sip:p2;lr>"), d.routeSet());
        SipRequest other = new SipRequest("NOTIFY", "sip:juliet@192.0.2.1", NameAddress.parse("<sip:romeo@example.net>;tag=other"),
                NameAddress.parse("<sip:juliet@example.com>;tag=j89d"), "5BCF940D-793D-43F8-8972-218F7F4EAA8C", 3, null, null);
        assertFalse(d.matches(other), "confirmed: only the dialog's From tag");
    }

    static SipRequest p6Subscribe() {
        return new SipRequest("SUBSCRIBE", "sip:juliet@example.com", NameAddress.parse("<sip:romeo@example.net>;tag=xfg9"),
                NameAddress.parse("<sip:juliet@example.com>"), "AA5A8BE5-CBB7-42B9-8181-6230012B1E11", 1,
                SipHeaders.of("Contact", "<sip:romeo@example.net;gr=dr4hcr0st3lup4c>", "Event", "presence",
                        "Accept", "application/pidf+xml"), null);
    }

    @Test
    @DisplayName("P7/PRES-23: approval gives an empty NOTIFY active in the dialog the SUBSCRIBE created (From juliet;tag=ur93, To romeo;tag=xfg9)")
    void p7() {
        SubscriptionDialog d = SubscriptionDialog.notifier(p6Subscribe(), "ur93");
        SipRequest n = PresenceRequests.notify(d, 2, EventPackage.PRESENCE, SubscriptionState.active(-1), SipBody.EMPTY, null);
        assertEquals("NOTIFY", n.method());
        assertEquals("sip:romeo@example.net;gr=dr4hcr0st3lup4c", n.requestUri(), "AMB-P11: R-URI is romeo's Contact");
        assertEquals("<sip:juliet@example.com>;tag=ur93", n.from().toString());
        assertEquals("<sip:romeo@example.net>;tag=xfg9", n.to().toString());
        assertEquals("AA5A8BE5-CBB7-42B9-8181-6230012B1E11", n.callId(), "same Call-ID as the SUBSCRIBE");
        assertEquals("presence", n.headers().first("Event").orElseThrow());
        assertEquals("active", n.headers().first("Subscription-State").orElseThrow());
        assertTrue(n.body().isEmpty());
        assertEquals("", n.body().contentType());
        assertFalse(n.headers().contains("Content-Language"));
    }

    @Test
    @DisplayName("P8/PRES-24: refusal gives an empty NOTIFY terminated;reason=rejected, no Content-Type (8048 ex. 16, not 7248 ex. 12)")
    void p8() {
        SubscriptionDialog d = SubscriptionDialog.notifier(p6Subscribe(), "ur93");
        SipRequest n = PresenceRequests.notify(d, 2, EventPackage.PRESENCE,
                SubscriptionState.terminated(TerminationReason.REJECTED), SipBody.EMPTY, "en");
        assertEquals("terminated;reason=rejected", n.headers().first("Subscription-State").orElseThrow());
        assertTrue(n.body().isEmpty());
        assertEquals("", n.body().contentType());
        assertFalse(n.headers().contains("Content-Language"), "no language without a body");
    }

    @Test
    @DisplayName("P9/PRES-27: cancel gives NOTIFY terminated;reason=timeout with PIDF closed for the user's resource")
    void p9() {
        SubscriptionDialog d = SubscriptionDialog.notifier(p6Subscribe(), "ur93");
        SipBody closed = PidfWriter.body(PresenceToPidf.document(PresenceToPidf.presUri(d.localUri()),
                List.of(PresenceToPidf.closed("balcony"))), Instant.parse("2025-01-01T00:00:00Z"), false);
        SipRequest n = PresenceRequests.notify(d, 3, EventPackage.PRESENCE,
                SubscriptionState.terminated(TerminationReason.TIMEOUT), closed, null);
        assertEquals("terminated;reason=timeout", n.headers().first("Subscription-State").orElseThrow());
        assertEquals("application/pidf+xml", n.body().contentType());
        String xml = n.body().utf8();
        assertTrue(xml.contains("entity='pres:juliet@example.com'"), xml);
        assertTrue(xml.contains("<tuple id='ID-balcony'>"), xml);
        assertTrue(xml.contains("<basic>closed</basic>"), xml);
    }

    @Test
    @DisplayName("P10/PRES-30: presence becomes a NOTIFY to romeo's Contact with PIDF open/away and Content-Language")
    void p10() {
        SipRequest sub = new SipRequest("SUBSCRIBE", "sip:juliet@example.com", NameAddress.parse("<sip:romeo@example.net>;tag=xyz"),
                NameAddress.parse("<sip:juliet@example.com>"), "2B44E147-3B53-45E4-9D48-C051F3216D14", 1,
                SipHeaders.of("Contact", "<sip:romeo@192.0.2.9:5062>", "Record-Route", "<sip:edge.example.net;lr>"), null);
        SubscriptionDialog d = SubscriptionDialog.notifier(sub, "gh19");
        assertEquals(List.of("<sip:edge.example.net;lr>"), d.routeSet(), "UAS: Record-Route in order");
        PidfTuple t = PidfTuple.of("ID-yn0cl4bnw0yr3vym", Basic.OPEN, Show.AWAY);
        SipBody body = PidfWriter.body(PresenceToPidf.document("pres:juliet@example.com", List.of(t)),
                Instant.parse("2025-01-01T00:00:00Z"), false);
        SipRequest n = PresenceRequests.notify(d, 2, EventPackage.PRESENCE, SubscriptionState.active(599), body, "en");
        assertEquals("sip:romeo@192.0.2.9:5062", n.requestUri(), "P10 corrected: R-URI is romeo's Contact");
        assertEquals(List.of("<sip:edge.example.net;lr>"), n.headers().all("Route"));
        assertEquals("active;expires=599", n.headers().first("Subscription-State").orElseThrow());
        assertEquals("en", n.headers().first("Content-Language").orElseThrow());
        assertTrue(n.body().utf8().contains("<tuple id='ID-yn0cl4bnw0yr3vym'>"));
        assertTrue(n.body().utf8().contains("<show xmlns='jabber:client'>away</show>"));
    }

    @Test
    @DisplayName("P12/PRES-44/AMB-P10: a probe (XMPP to SIP) becomes SUBSCRIBE Expires 0 in a new dialog")
    void p12() {
        SubscriptionDialog fetch = SubscriptionDialog.subscriber("2398B737-566F-4CBB-A21A-1F8EEF7AF423", "sip:juliet@example.com",
                "j89d", "sip:romeo@example.net");
        SipRequest s = PresenceRequests.subscribe(fetch, 1, EventPackage.PRESENCE, 0);
        assertNotEquals(julietToRomeo().callId(), s.callId());
        assertEquals("0", s.headers().first("Expires").orElseThrow());
        assertEquals("sip:romeo@example.net", s.requestUri());
        assertEquals(1, s.cseq());
        assertEquals("application/pidf+xml", s.headers().first("Accept").orElseThrow());
    }

    @Test
    @DisplayName("Phone presence: SUBSCRIBE to the dialog package accepts dialog-info (RFC 4235)")
    void dialogPackage() {
        SipRequest s = PresenceRequests.subscribe(julietToRomeo(), 1, EventPackage.DIALOG, 3600);
        assertEquals("dialog", s.headers().first("Event").orElseThrow());
        assertEquals("application/dialog-info+xml", s.headers().first("Accept").orElseThrow());
    }

    @Test
    @DisplayName("A SUBSCRIBE without Contact targets its From URI; in-dialog matching needs our tag and the peer's")
    void notifierMatching() {
        SipRequest sub = new SipRequest("SUBSCRIBE", "sip:juliet@example.com", NameAddress.parse("<sip:romeo@example.net>;tag=xfg9"),
                NameAddress.parse("<sip:juliet@example.com>"), "C1", 1, null, null);
        SubscriptionDialog d = SubscriptionDialog.notifier(sub, "ur93");
        assertEquals("sip:romeo@example.net", d.remoteTarget());
        SipRequest refresh = new SipRequest("SUBSCRIBE", "sip:juliet@example.com", NameAddress.parse("<sip:romeo@example.net>;tag=xfg9"),
                NameAddress.parse("<sip:juliet@example.com>;tag=ur93"), "C1", 2, null, null);
        assertTrue(d.matches(refresh));
        SipRequest foreign = new SipRequest("SUBSCRIBE", "sip:juliet@example.com", NameAddress.parse("<sip:mallory@example.net>;tag=evil"),
                NameAddress.parse("<sip:juliet@example.com>;tag=ur93"), "C1", 2, null, null);
        assertFalse(d.matches(foreign), "PRES-49: another party's tags never match the dialog");
    }
}

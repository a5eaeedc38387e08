package org.stoxgw.core.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stoxgw.core.presence.PresenceHarness.notifyFor;
import static org.stoxgw.core.presence.PresenceHarness.pidf;
import static org.stoxgw.core.presence.PresenceHarness.subscribe;

import java.nio.file.Path;
import java.time.Duration;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoxgw.core.presence.PresenceStats.Counter;
import org.stoxgw.mapping.sip.SipBody;

/** Durable state across a restart, and phone presence (RFC 4235), against fake adapters. */
class RestartAndPhoneTest {
    static final String JULIET = "juliet@example.com";
    static final String ROMEO = "romeo@example.net";

    @TempDir
    Path dir;
    PresenceHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    @DisplayName("Restart: both directions survive; the gateway re-probes, refreshes its stored dialog and keeps NOTIFYing in the stored one")
    void restart() {
        h = PresenceHarness.start(dir, "");
        // X2S: juliet → romeo, authorized
        h.stanza("<presence from='juliet@example.com' to='romeo@example.net' type='subscribe'/>");
        FakeSip.Sent s = h.sip.next("SUBSCRIBE");
        s.answer(200, "To", "<sip:romeo@example.net>;tag=ffd2", "Contact", "<sip:romeo@192.0.2.7:5060>", "Expires", "3600");
        h.request(notifyFor(s.request(), "ffd2", 1, "active", pidf("pres:romeo@example.net", "ID-desk", "open", null)), null)
                .status();
        h.xmpp.next(Presence.Type.subscribed, ROMEO, JULIET);
        h.xmpp.next(Presence.Type.available, ROMEO + "/desk", JULIET);
        // S2X: romeo → juliet, approved
        FakeInbound sub = h.request(subscribe("sip:romeo@example.net", "xfg9", "sip:juliet@example.com", null, "IN-1", 1,
                "3600", "sip:romeo@192.0.2.7:5060"), "ur93");
        assertEquals(200, sub.status());
        FakeSip.Sent pending = h.sip.next("NOTIFY");
        pending.answer(200);
        h.xmpp.next(Presence.Type.subscribe, ROMEO, JULIET);
        h.stanza("<presence from='juliet@example.com' to='romeo@example.net' type='subscribed'/>");
        FakeSip.Sent active = h.sip.next("NOTIFY");
        active.answer(200);
        h.xmpp.next(Presence.Type.probe, ROMEO, JULIET);
        assertTrue(h.path.flushStore(Duration.ofSeconds(10)));

        h = h.restart(); // same database, same peers; nobody does anything

        assertEquals(1, h.stats().get(Counter.RESTORED));
        assertEquals(1, h.stats().xmppToSip().get("authorized"));
        assertEquals(1, h.stats().sipToXmpp().get("active"));
        // both directions probe juliet (PRES-15 before the refresh; and for the NOTIFYs)
        h.xmpp.next(Presence.Type.probe, ROMEO, JULIET);
        // juliet's server answers: she is online
        h.stanza("<presence from='juliet@example.com/balcony' to='romeo@example.net'><show>away</show></presence>");
        FakeSip.Sent refresh = null;
        FakeSip.Sent notify = null;
        for (int i = 0; i < 2; i++) {
            FakeSip.Sent x = h.sip.next();
            if (x.method().equals("SUBSCRIBE")) {
                refresh = x;
            } else {
                notify = x;
            }
        }
        // the stored X2S dialog is refreshed, not replaced
        assertEquals(s.request().callId(), refresh.request().callId());
        assertEquals("ffd2", refresh.request().to().tag().orElseThrow());
        assertTrue(refresh.request().requestUri().startsWith("sip:romeo@192.0.2.7:5060"), "the stored remote target");
        assertTrue(refresh.request().cseq() > s.request().cseq());
        refresh.answer(200, "Expires", "3600");
        // the stored S2X dialog gets juliet's presence, in order after the NOTIFYs sent before the restart
        assertEquals("IN-1", notify.request().callId());
        assertEquals("ur93", notify.request().from().tag().orElseThrow());
        assertTrue(notify.request().cseq() > active.request().cseq(), "RFC 3261 12.2.1.1: CSeq keeps growing");
        assertTrue(notify.request().body().utf8().contains(">away<"));
        notify.answer(200);
        // a NOTIFY in the stored X2S dialog still reaches juliet
        h.request(notifyFor(s.request(), "ffd2", 2, "active", pidf("pres:romeo@example.net", "ID-desk", "open", "dnd")), null)
                .status();
        Presence busy = h.xmpp.next(Presence.Type.available, ROMEO + "/desk", JULIET);
        assertEquals(Presence.Mode.dnd, busy.getMode());
        // a refresh of the stored S2X dialog is accepted
        FakeInbound r = h.request(subscribe("sip:romeo@example.net", "xfg9", "sip:juliet@example.com", "ur93", "IN-1", 2,
                "3600", "sip:romeo@192.0.2.7:5060"), null);
        assertEquals(200, r.status());
        h.sip.next("NOTIFY").answer(200);
    }

    @Test
    @DisplayName("Restart: a pending S2X request is sent again (a subscribed sent while the gateway was down was lost); expired dialogs end")
    void restartPending() {
        h = PresenceHarness.start(dir, "");
        FakeInbound sub = h.request(subscribe("sip:romeo@example.net", "xfg9", "sip:juliet@example.com", null, "IN-2", 1,
                "3600", "sip:romeo@192.0.2.7"), "ur93");
        assertEquals(200, sub.status());
        h.sip.next("NOTIFY").answer(200);
        h.xmpp.next(Presence.Type.subscribe, ROMEO, JULIET);
        h = h.restart();
        h.xmpp.next(Presence.Type.subscribe, ROMEO, JULIET);
        h.stanza("<presence from='juliet@example.com' to='romeo@example.net' type='subscribed'/>");
        FakeSip.Sent n = h.sip.next("NOTIFY");
        assertEquals("IN-2", n.request().callId());
        assertTrue(n.header("Subscription-State").startsWith("active"));
    }

    @Test
    @DisplayName("Phone presence (RFC 4235): a confirmed call shows the configured show/status; the call's end restores the presence; 489 means no phone presence")
    void phone() {
        h = PresenceHarness.start(dir, """
                gateway.presence.phone { enabled = true, show = dnd, status = "On the phone", status-language = "en" }
                """);
        h.stanza("<presence from='juliet@example.com' to='romeo@example.net' type='subscribe'/>");
        FakeSip.Sent s = h.sip.next("SUBSCRIBE");
        s.answer(200, "To", "<sip:romeo@example.net>;tag=ffd2", "Expires", "3600");
        h.request(notifyFor(s.request(), "ffd2", 1, "active", pidf("pres:romeo@example.net", "ID-desk", "open", null)), null)
                .status();
        h.xmpp.next(Presence.Type.subscribed, ROMEO, JULIET);
        FakeSip.Sent d = h.sip.next("SUBSCRIBE");
        assertEquals("dialog", d.header("Event"));
        assertEquals("application/dialog-info+xml", d.header("Accept"));
        h.xmpp.next(Presence.Type.available, ROMEO + "/desk", JULIET);
        d.answer(200, "To", "<sip:romeo@example.net>;tag=dd1", "Expires", "3600");
        h.request(notifyFor(d.request(), "dd1", 1, "active", dialogInfo(0, "full", "")), null).status();
        h.xmpp.none(200);
        h.request(notifyFor(d.request(), "dd1", 2, "active", dialogInfo(1, "partial", "confirmed")), null).status();
        Presence phone = h.xmpp.next(Presence.Type.available, ROMEO + "/desk", JULIET);
        assertEquals(Presence.Mode.dnd, phone.getMode());
        assertEquals("On the phone", phone.getStatus());
        // presence changes during the call keep the overlay
        h.request(notifyFor(s.request(), "ffd2", 2, "active", pidf("pres:romeo@example.net", "ID-desk", "open", "away")), null)
                .status();
        assertEquals("On the phone", h.xmpp.next(Presence.Type.available, ROMEO + "/desk", JULIET).getStatus());
        h.request(notifyFor(d.request(), "dd1", 3, "active", dialogInfo(2, "partial", "terminated")), null).status();
        Presence after = h.xmpp.next(Presence.Type.available, ROMEO + "/desk", JULIET);
        assertEquals(Presence.Mode.away, after.getMode());
        assertEquals(null, after.getStatus());
        // wrong body type in the dialog package: 415
        FakeInbound wrong = h.request(notifyFor(d.request(), "dd1", 4, "active",
                pidf("pres:romeo@example.net", "ID-desk", "open", null)), null);
        assertEquals(415, wrong.status());
    }

    @Test
    @DisplayName("Phone presence: a SIP side without the dialog package (489) only loses phone presence")
    void phoneUnsupported() {
        h = PresenceHarness.start(dir, "gateway.presence.phone.enabled = true\n");
        h.stanza("<presence from='juliet@example.com' to='romeo@example.net' type='subscribe'/>");
        FakeSip.Sent s = h.sip.next("SUBSCRIBE");
        s.answer(200, "To", "<sip:romeo@example.net>;tag=ffd2", "Expires", "3600");
        h.request(notifyFor(s.request(), "ffd2", 1, "active", pidf("pres:romeo@example.net", "ID-desk", "open", null)), null)
                .status();
        h.xmpp.next(Presence.Type.subscribed, ROMEO, JULIET);
        h.sip.next("SUBSCRIBE").answer(489);
        h.xmpp.next(Presence.Type.available, ROMEO + "/desk", JULIET);
        h.xmpp.none(200);
        PresenceHarness.eventually(1, () -> h.stats().xmppToSip().get("authorized"), "authorized");
        PresenceHarness.eventually(0, () -> h.stats().xmppToSip().get("phone_dialogs"), "phone dialogs after the 489");
    }

    static SipBody dialogInfo(int version, String state, String dialogState) {
        String dialog = dialogState.isEmpty() ? ""
                : "<dialog id='d1' direction='initiator'><state>" + dialogState + "</state></dialog>";
        return SipBody.text("application/dialog-info+xml", "<?xml version='1.0'?><dialog-info xmlns='urn:ietf:params:xml:ns:dialog-info'"
                + " version='" + version + "' state='" + state + "' entity='sip:romeo@example.net'>" + dialog + "</dialog-info>");
    }
}

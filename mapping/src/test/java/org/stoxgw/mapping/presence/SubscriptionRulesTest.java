package org.stoxgw.mapping.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stoxgw.mapping.presence.NotifierRules.Notify;
import org.stoxgw.mapping.presence.SubscriptionResponses.NotifyClass;
import org.stoxgw.mapping.presence.SubscriptionResponses.SubscribeClass;
import org.stoxgw.mapping.presence.WatcherRules.Phase;
import org.stoxgw.mapping.presence.WatcherRules.Purpose;
import org.stoxgw.mapping.presence.WatcherRules.Signal;
import org.stoxgw.mapping.presence.WatcherRules.SipAction;
import org.stoxgw.mapping.presence.WatcherRules.Step;

/** The subscription state machines of both directions, vector by vector (02-presence.md §2.1/2.2, §3). */
class SubscriptionRulesTest {

    // ------------------------------------------------------------------ X2S: the gateway subscribes

    @Test
    @DisplayName("P1/PRES-04: subscribe from the XMPP user starts a new dialog")
    void subscribeStarts() {
        Step s = WatcherRules.onStanza(Phase.NONE, Presence.Type.subscribe, false);
        assertEquals(new Step(Phase.REQUESTED, Signal.NONE, SipAction.SUBSCRIBE_NEW, false), s);
        assertEquals(SipAction.NONE, WatcherRules.onStanza(Phase.REQUESTED, Presence.Type.subscribe, true).sip(),
                "a repeated subscribe while waiting sends nothing more");
    }

    @Test
    @DisplayName("P2/PRES-05: the 200 OK alone says nothing to XMPP (neutral until a NOTIFY)")
    void p2() {
        Step s = WatcherRules.onAnswer(Phase.REQUESTED, Purpose.INITIAL, SubscriptionResponses.classifySubscribe(200));
        assertEquals(new Step(Phase.REQUESTED, Signal.NONE, SipAction.NONE, false), s);
        assertEquals(SubscribeClass.ESTABLISHED, SubscriptionResponses.classifySubscribe(202));
    }

    @Test
    @DisplayName("P3/PRES-06: NOTIFY pending is answered and suppressed")
    void p3() {
        Step s = WatcherRules.onNotify(Phase.REQUESTED, SubscriptionState.pending(3600));
        assertEquals(new Step(Phase.REQUESTED, Signal.NONE, SipAction.NONE, false), s);
        assertFalse(WatcherRules.onNotify(Phase.AUTHORIZED, SubscriptionState.pending(10)).mapContent(),
                "pending after authorization reveals nothing either");
        assertFalse(WatcherRules.onNotify(Phase.REQUESTED, SubscriptionState.parse("waiting").orElseThrow()).mapContent(),
                "an unknown substate is treated like pending");
    }

    @Test
    @DisplayName("P4/PRES-07/PRES-08: the first active NOTIFY sends subscribed and maps its body; later ones only the body")
    void p4() {
        Step first = WatcherRules.onNotify(Phase.REQUESTED, SubscriptionState.active(499));
        assertEquals(new Step(Phase.AUTHORIZED, Signal.SUBSCRIBED, SipAction.NONE, true), first);
        Step later = WatcherRules.onNotify(Phase.AUTHORIZED, SubscriptionState.active(499));
        assertEquals(new Step(Phase.AUTHORIZED, Signal.NONE, SipAction.NONE, true), later);
    }

    @Test
    @DisplayName("P5/PRES-16/PRES-17/PRES-18: unsubscribe is Expires 0 in the dialog; its answer sends unsubscribed; no NOTIFY from the subscriber (AMB-P02)")
    void p5() {
        Step un = WatcherRules.onStanza(Phase.AUTHORIZED, Presence.Type.unsubscribe, true);
        assertEquals(new Step(Phase.CANCELLING, Signal.NONE, SipAction.UNSUBSCRIBE, false), un);
        Step ok = WatcherRules.onAnswer(Phase.CANCELLING, Purpose.CANCEL, SubscribeClass.ESTABLISHED);
        assertEquals(new Step(Phase.NONE, Signal.UNSUBSCRIBED, SipAction.DROP, false), ok);
        // PRES-18 / AMB-P02: the step has no NOTIFY action at all (SipAction has none); the notifier's final
        // NOTIFY that follows is answered and not translated:
        assertEquals(new Step(Phase.CANCELLING, Signal.NONE, SipAction.NONE, false),
                WatcherRules.onNotify(Phase.CANCELLING, SubscriptionState.terminated(TerminationReason.TIMEOUT)));
        assertEquals(new Step(Phase.NONE, Signal.UNSUBSCRIBED, SipAction.DROP, false),
                WatcherRules.onStanza(Phase.AUTHORIZED, Presence.Type.unsubscribe, false), "lapsed dialog: answer at once");
        assertEquals(Signal.UNSUBSCRIBED, WatcherRules.onAnswer(Phase.CANCELLING, Purpose.CANCEL, SubscribeClass.TRANSIENT).signal(),
                "the user's wish stands even when the SIP side does not answer");
    }

    @ParameterizedTest(name = "{0} to a refresh → {1} / {2}")
    @DisplayName("P15/PRES-13/PRES-14: refresh outcomes")
    @CsvSource({
            "200, NONE, NONE, AUTHORIZED",
            "403, UNAVAILABLE_THEN_UNSUBSCRIBED, DROP, NONE",
            "489, UNAVAILABLE_THEN_UNSUBSCRIBED, DROP, NONE",
            "603, UNAVAILABLE_THEN_UNSUBSCRIBED, DROP, NONE",
            "423, NONE, RETRY_MIN_EXPIRES, AUTHORIZED",
            "481, NONE, SUBSCRIBE_NEW, AUTHORIZED",
            "503, NONE, RETRY_LATER, AUTHORIZED",
            "408, NONE, RETRY_LATER, AUTHORIZED",
            "404, NONE, RETRY_LATER, AUTHORIZED"})
    void p15(int status, Signal signal, SipAction sip, Phase next) {
        Step s = WatcherRules.onAnswer(Phase.AUTHORIZED, Purpose.REFRESH, SubscriptionResponses.classifySubscribe(status));
        assertEquals(signal, s.signal());
        assertEquals(sip, s.sip());
        assertEquals(next, s.next());
    }

    @Test
    @DisplayName("PRES-13/AMB-P05/AMB-P07: answers to the first SUBSCRIBE: refusal is unsubscribed, other failures an error")
    void initialAnswers() {
        assertEquals(new Step(Phase.NONE, Signal.UNSUBSCRIBED, SipAction.DROP, false),
                WatcherRules.onAnswer(Phase.REQUESTED, Purpose.INITIAL, SubscribeClass.REFUSED));
        assertEquals(new Step(Phase.NONE, Signal.ERROR, SipAction.DROP, false),
                WatcherRules.onAnswer(Phase.REQUESTED, Purpose.INITIAL, SubscriptionResponses.classifySubscribe(404)));
        assertEquals(new Step(Phase.NONE, Signal.ERROR, SipAction.DROP, false),
                WatcherRules.onAnswer(Phase.REQUESTED, Purpose.INITIAL, SubscriptionResponses.subscribeFailedLocally()));
        assertEquals(SipAction.RETRY_LATER,
                WatcherRules.onAnswer(Phase.AUTHORIZED, Purpose.INITIAL, SubscribeClass.TRANSIENT).sip(),
                "PRES-09: a re-subscription of a granted authorization keeps trying");
        assertEquals(SipAction.RETRY_MIN_EXPIRES, WatcherRules.onAnswer(Phase.REQUESTED, Purpose.INITIAL, SubscribeClass.TOO_BRIEF).sip());
    }

    @ParameterizedTest(name = "terminated;reason={0} → {1}")
    @DisplayName("AMB-P06: NOTIFY terminated from the SIP contact, by reason")
    @CsvSource({
            "rejected, UNAVAILABLE_THEN_UNSUBSCRIBED, DROP",
            "noresource, UNAVAILABLE_THEN_UNSUBSCRIBED, DROP",
            "deactivated, NONE, SUBSCRIBE_NEW",
            "'', NONE, SUBSCRIBE_NEW",
            "probation, NONE, RETRY_LATER",
            "giveup, NONE, RETRY_LATER",
            "timeout, NONE, RESUBSCRIBE_IF_ONLINE",
            "invariant, NONE, LAPSE",
            "bogus, NONE, SUBSCRIBE_NEW"})
    void ambP06(String reason, Signal signal, SipAction sip) {
        String header = reason.isEmpty() ? "terminated" : "terminated;reason=" + reason;
        Step s = WatcherRules.onNotify(Phase.AUTHORIZED, SubscriptionState.parse(header).orElseThrow());
        assertEquals(signal, s.signal());
        assertEquals(sip, s.sip());
        assertFalse(s.mapContent());
    }

    @Test
    @DisplayName("P12/PRES-44/PRES-10: a probe fetches in a new dialog, or refreshes an authorized subscription")
    void probes() {
        assertEquals(SipAction.FETCH, WatcherRules.onStanza(Phase.NONE, Presence.Type.probe, false).sip());
        assertEquals(SipAction.REFRESH, WatcherRules.onStanza(Phase.AUTHORIZED, Presence.Type.probe, true).sip());
        assertEquals(SipAction.SUBSCRIBE_NEW, WatcherRules.onStanza(Phase.AUTHORIZED, Presence.Type.probe, false).sip());
        assertTrue(WatcherRules.fetchAnswers(SubscriptionState.terminated(TerminationReason.TIMEOUT), true));
        assertFalse(WatcherRules.fetchAnswers(SubscriptionState.pending(0), true), "PRES-06 for fetches too");
        assertFalse(WatcherRules.fetchAnswers(SubscriptionState.terminated(TerminationReason.REJECTED), false));
        assertEquals(SipAction.DROP, WatcherRules.onAnswer(Phase.NONE, Purpose.FETCH, SubscribeClass.REFUSED).sip());
    }

    @Test
    @DisplayName("PRES-29: only subscription types drive the watcher; presence without type is not its business")
    void otherTypes() {
        assertEquals(SipAction.NONE, WatcherRules.onStanza(Phase.AUTHORIZED, Presence.Type.available, true).sip());
        assertEquals(SipAction.NONE, WatcherRules.onStanza(Phase.AUTHORIZED, Presence.Type.subscribed, true).sip());
    }

    // ------------------------------------------------------------------ S2X: the gateway notifies

    @Test
    @DisplayName("P6/PRES-20/SEV-02: a new SUBSCRIBE gets 200, an immediate NOTIFY pending, and subscribe to the XMPP user")
    void p6() {
        NotifierRules.Step s = NotifierRules.onNewDialog(NotifierRules.Phase.NONE);
        assertEquals(NotifierRules.Phase.PENDING, s.next());
        assertEquals(Notify.PENDING, s.notification());
        assertEquals(NotifierRules.Signal.SUBSCRIBE, s.signal());
        NotifierRules.Step approved = NotifierRules.onNewDialog(NotifierRules.Phase.ACTIVE);
        assertEquals(Notify.CURRENT, approved.notification(), "a second device of an approved user gets state at once");
        assertEquals(NotifierRules.Signal.NONE, approved.signal());
    }

    @Test
    @DisplayName("P7/PRES-23/PRES-22: subscribed activates every dialog with an empty NOTIFY and probes for current presence")
    void p7() {
        NotifierRules.Step s = NotifierRules.onStanza(NotifierRules.Phase.PENDING, Presence.Type.subscribed);
        assertEquals(NotifierRules.Step.of(NotifierRules.Phase.ACTIVE, Notify.ACTIVE_EMPTY, NotifierRules.Signal.PROBE), s);
        assertEquals(Notify.NONE, NotifierRules.onStanza(NotifierRules.Phase.ACTIVE, Presence.Type.subscribed).notification(),
                "PRES-22: the server's automatic re-approval changes nothing");
    }

    @Test
    @DisplayName("P8/PRES-24: unsubscribed terminates with reason rejected")
    void p8() {
        NotifierRules.Step s = NotifierRules.onStanza(NotifierRules.Phase.PENDING, Presence.Type.unsubscribed);
        assertEquals(new NotifierRules.Step(NotifierRules.Phase.NONE, Notify.TERMINATED, TerminationReason.REJECTED, false,
                NotifierRules.Signal.NONE), s);
        assertEquals(Notify.TERMINATED, NotifierRules.onStanza(NotifierRules.Phase.ACTIVE, Presence.Type.unsubscribed).notification());
    }

    @Test
    @DisplayName("P9/PRES-27/PRES-28/AMB-P01: cancel → NOTIFY terminated;reason=timeout with PIDF closed and unavailable, never unsubscribe (P9b)")
    void p9() {
        NotifierRules.Step s = NotifierRules.onDialogEnd(NotifierRules.Phase.ACTIVE, true);
        assertEquals(new NotifierRules.Step(NotifierRules.Phase.NONE, Notify.TERMINATED, TerminationReason.TIMEOUT, true,
                NotifierRules.Signal.UNAVAILABLE), s);
        NotifierRules.Step other = NotifierRules.onDialogEnd(NotifierRules.Phase.ACTIVE, false);
        assertEquals(NotifierRules.Phase.ACTIVE, other.next(), "another device still subscribes");
        assertEquals(NotifierRules.Signal.NONE, other.signal());
        NotifierRules.Step pending = NotifierRules.onDialogEnd(NotifierRules.Phase.PENDING, true);
        assertFalse(pending.closedBody(), "nothing about the XMPP user before approval");
        for (NotifierRules.Signal sig : NotifierRules.Signal.values()) {
            assertFalse(sig.name().equals("UNSUBSCRIBE"), "PRES-28: RFC 7248's unsubscribe on expiry is gone");
        }
    }

    @Test
    @DisplayName("PRES-25/PRES-26: a refresh NOTIFY carries current state (empty when unknown) or stays pending")
    void refresh() {
        assertEquals(Notify.CURRENT, NotifierRules.onRefresh(NotifierRules.Phase.ACTIVE).notification());
        assertEquals(Notify.PENDING, NotifierRules.onRefresh(NotifierRules.Phase.PENDING).notification());
    }

    @Test
    @DisplayName("P13/PRES-46: a fetch probes unless the presence is known")
    void p13() {
        assertEquals(NotifierRules.Signal.PROBE, NotifierRules.onFetch(NotifierRules.Phase.NONE, false));
        assertEquals(NotifierRules.Signal.PROBE, NotifierRules.onFetch(NotifierRules.Phase.PENDING, true),
                "what a pending pair has cached is not for the watcher");
        assertEquals(NotifierRules.Signal.NONE, NotifierRules.onFetch(NotifierRules.Phase.ACTIVE, true));
    }

    @Test
    @DisplayName("PRES-49/AMB-P12: presence without a subscription is dropped; before approval it is suppressed")
    void dropped() {
        assertEquals(NotifierRules.Signal.DROPPED, NotifierRules.onStanza(NotifierRules.Phase.NONE, Presence.Type.available).signal());
        assertEquals(NotifierRules.Signal.DROPPED, NotifierRules.onStanza(NotifierRules.Phase.NONE, Presence.Type.unavailable).signal());
        assertEquals(NotifierRules.Signal.SUPPRESSED, NotifierRules.onStanza(NotifierRules.Phase.PENDING, Presence.Type.available).signal());
        assertEquals(Notify.NONE, NotifierRules.onStanza(NotifierRules.Phase.PENDING, Presence.Type.available).notification());
        assertEquals(Notify.CURRENT, NotifierRules.onStanza(NotifierRules.Phase.ACTIVE, Presence.Type.unavailable).notification(),
                "PRES-33: unavailable becomes a NOTIFY (closed), no SUBSCRIBE");
    }

    @Test
    @DisplayName("AMB-P07: permanent XMPP errors end the subscription (noresource / rejected), temporary ones do not")
    void ambP07() {
        StanzaError notFound = StanzaError.getBuilder(StanzaError.Condition.item_not_found).build();
        StanzaError forbidden = StanzaError.getBuilder(StanzaError.Condition.forbidden).build();
        StanzaError timeout = StanzaError.getBuilder(StanzaError.Condition.remote_server_timeout).build();
        assertEquals(TerminationReason.NORESOURCE, SubscriptionResponses.terminationFor(notFound));
        assertEquals(TerminationReason.REJECTED, SubscriptionResponses.terminationFor(forbidden));
        assertNull(SubscriptionResponses.terminationFor(timeout));
        assertEquals(Notify.TERMINATED, NotifierRules.onError(NotifierRules.Phase.PENDING, TerminationReason.NORESOURCE).notification());
        assertEquals(Notify.NONE, NotifierRules.onError(NotifierRules.Phase.PENDING, null).notification());
        assertEquals(NotifyClass.GONE, SubscriptionResponses.classifyNotify(481));
        assertEquals(NotifyClass.GONE, SubscriptionResponses.classifyNotify(408));
        assertEquals(NotifyClass.FAILED, SubscriptionResponses.classifyNotify(500));
        assertEquals(NotifyClass.DELIVERED, SubscriptionResponses.classifyNotify(200));
    }
}

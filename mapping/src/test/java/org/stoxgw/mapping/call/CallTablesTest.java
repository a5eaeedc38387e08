package org.stoxgw.mapping.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.XmlElement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stoxgw.mapping.call.JingleToSip.Step;
import org.stoxgw.mapping.jingle.JingleAction;
import org.stoxgw.mapping.jingle.JingleReason;
import org.stoxgw.mapping.jingle.JingleReason.Condition;
import org.stoxgw.mapping.jingle.RtpInfo;
import org.stoxgw.mapping.media.Role;

class CallTablesTest {
    private static final List<XmlElement> NONE = List.of();

    private static Step step(JingleAction a, List<XmlElement> p, Role who, CallPhase phase) {
        return JingleToSip.step(a, p, who, phase, false, false);
    }

    @Test
    @DisplayName("Draft table 2, J2S: session-initiate/accept/terminate, ringing, hold, content-*, transport-*; every step but the error ones is acked with an IQ result (MEDIA-10, MEDIA-11, MEDIA-20, JNG-01)")
    void table2() {
        assertEquals(Step.ANSWER_200, step(JingleAction.SESSION_ACCEPT, NONE, Role.RESPONDER, CallPhase.PROCEEDING));
        assertEquals(Step.RINGING_180, step(JingleAction.SESSION_INFO, List.of(RtpInfo.of(RtpInfo.Kind.RINGING)), Role.RESPONDER, CallPhase.PROCEEDING));
        assertEquals(Step.CANCEL, step(JingleAction.SESSION_TERMINATE, NONE, Role.INITIATOR, CallPhase.PROCEEDING));
        assertEquals(Step.REJECT, step(JingleAction.SESSION_TERMINATE, NONE, Role.RESPONDER, CallPhase.PROCEEDING));
        assertEquals(Step.BYE, step(JingleAction.SESSION_TERMINATE, NONE, Role.RESPONDER, CallPhase.ESTABLISHED));
        assertEquals(Step.BYE, step(JingleAction.SESSION_TERMINATE, NONE, Role.INITIATOR, CallPhase.ESTABLISHED));
        for (RtpInfo.Kind k : List.of(RtpInfo.Kind.HOLD, RtpInfo.Kind.UNHOLD, RtpInfo.Kind.ACTIVE)) {
            assertEquals(Step.REINVITE, step(JingleAction.SESSION_INFO, List.of(RtpInfo.of(k)), Role.RESPONDER, CallPhase.ESTABLISHED));
        }
        for (JingleAction a : List.of(JingleAction.CONTENT_MODIFY, JingleAction.CONTENT_ADD, JingleAction.CONTENT_REMOVE, JingleAction.TRANSPORT_REPLACE)) {
            assertEquals(Step.REINVITE, step(a, NONE, Role.INITIATOR, CallPhase.ESTABLISHED), a.xml());
        }
        assertEquals(Step.ANSWER_REINVITE, step(JingleAction.CONTENT_ACCEPT, NONE, Role.RESPONDER, CallPhase.ESTABLISHED));
        assertEquals(Step.NOT_IMPLEMENTED, step(JingleAction.DESCRIPTION_INFO, NONE, Role.RESPONDER, CallPhase.ESTABLISHED));
        assertEquals(Step.OUT_OF_ORDER, step(JingleAction.SESSION_ACCEPT, NONE, Role.RESPONDER, CallPhase.ESTABLISHED), "JNG-10");
        assertEquals(Step.OUT_OF_ORDER, step(JingleAction.CONTENT_MODIFY, NONE, Role.RESPONDER, CallPhase.ENDED));
    }

    @Test
    @DisplayName("Mute has no SIP effect, an empty session-info is a ping, an unknown payload is unsupported-info, an unknown action bad-request (AMB-V13, JNG-05, JNG-09)")
    void infoAndErrors() {
        assertEquals(Step.NOTHING, step(JingleAction.SESSION_INFO, List.of(RtpInfo.of(RtpInfo.Kind.MUTE)), Role.INITIATOR, CallPhase.ESTABLISHED));
        assertEquals(Step.NOTHING, step(JingleAction.SESSION_INFO, NONE, Role.INITIATOR, CallPhase.ESTABLISHED));
        assertEquals(Step.UNSUPPORTED_INFO, step(JingleAction.SESSION_INFO,
                List.of(StandardExtensionElement.builder("foo", "urn:example").build()), Role.INITIATOR, CallPhase.ESTABLISHED));
        assertEquals(Step.BAD_REQUEST, step(null, NONE, Role.INITIATOR, CallPhase.ESTABLISHED));
    }

    @Test
    @DisplayName("transport-info: buffered before the first INVITE, INFO only to trickle peers, re-INVITE only for an ICE restart (MEDIA-04, MEDIA-07, MEDIA-12, MEDIA-19: no extra re-INVITE round trips)")
    void transportInfo() {
        assertEquals(Step.BUFFER_CANDIDATES, JingleToSip.step(JingleAction.TRANSPORT_INFO, NONE, Role.INITIATOR, CallPhase.GATHERING, true, false));
        assertEquals(Step.INFO_TRICKLE, JingleToSip.step(JingleAction.TRANSPORT_INFO, NONE, Role.INITIATOR, CallPhase.PROCEEDING, true, false));
        assertEquals(Step.NOTHING, JingleToSip.step(JingleAction.TRANSPORT_INFO, NONE, Role.INITIATOR, CallPhase.ESTABLISHED, false, false));
        assertEquals(Step.REINVITE, JingleToSip.step(JingleAction.TRANSPORT_INFO, NONE, Role.INITIATOR, CallPhase.ESTABLISHED, false, true));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"BUSY,486", "DECLINE,603", "TIMEOUT,408", "GONE,480", "UNSUPPORTED_APPLICATIONS,488", "UNSUPPORTED_TRANSPORTS,488",
            "INCOMPATIBLE_PARAMETERS,488", "FAILED_APPLICATION,488", "FAILED_TRANSPORT,488", "SECURITY_ERROR,488",
            "GENERAL_ERROR,500", "MEDIA_ERROR,500", "CONNECTIVITY_ERROR,500", "CANCEL,487", "SUCCESS,603"})
    @DisplayName("Callee's session-terminate reason -> SIP final status (spec §2.2, JNG-04)")
    void reasonToStatus(Condition c, int status) {
        assertEquals(status, CallReasons.sipStatus(c));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"486,BUSY", "600,BUSY", "603,DECLINE", "408,TIMEOUT", "480,GONE", "404,GONE", "487,CANCEL",
            "415,UNSUPPORTED_APPLICATIONS", "488,INCOMPATIBLE_PARAMETERS", "606,INCOMPATIBLE_PARAMETERS", "500,GENERAL_ERROR", "403,GENERAL_ERROR"})
    @DisplayName("SIP final status -> session-terminate reason (spec §2.2)")
    void statusToReason(int status, Condition c) {
        assertEquals(c, CallReasons.condition(status));
    }

    @Test
    @DisplayName("V12: 486 Busy Here -> session-terminate <busy/><text>Busy Here</text>")
    void v12() {
        JingleReason r = CallReasons.reason(486, "Busy Here");
        String xml = r.toXML(new org.jivesoftware.smack.packet.XmlEnvironment("urn:xmpp:jingle:1")).toString();
        assertEquals("<reason><busy/><text>Busy Here</text></reason>", xml);
    }

    @Test
    @DisplayName("SIP requests -> Jingle: INVITE, delayed offer, CANCEL, BYE, re-INVITE, trickle INFO vs DTMF INFO, loop (AMB-V11, AMB-V13, MEDIA-25)")
    void sipToJingle() {
        assertEquals(SipToJingle.Step.SESSION_INITIATE, SipToJingle.step("INVITE", false, true, null, false, false));
        assertEquals(SipToJingle.Step.REJECT_DELAYED_OFFER, SipToJingle.step("INVITE", false, false, null, false, false));
        assertEquals(SipToJingle.Step.OFFER_FROM_ANCHOR, SipToJingle.step("INVITE", false, false, null, true, false));
        assertEquals(SipToJingle.Step.LOOP, SipToJingle.step("INVITE", false, true, null, false, true));
        assertEquals(SipToJingle.Step.CLASSIFY_REOFFER, SipToJingle.step("INVITE", true, true, null, false, false));
        assertEquals(SipToJingle.Step.TERMINATE_CANCEL, SipToJingle.step("CANCEL", false, false, null, false, false));
        assertEquals(SipToJingle.Step.TERMINATE_SUCCESS, SipToJingle.step("BYE", true, false, null, false, false));
        assertEquals(SipToJingle.Step.TRANSPORT_INFO, SipToJingle.step("INFO", true, false, "trickle-ice", false, false));
        assertEquals(SipToJingle.Step.REJECT_INFO, SipToJingle.step("INFO", true, false, null, false, false));
        assertEquals(469, Dtmf.INFO_STATUS);
    }

    @Test
    @DisplayName("V11 and AMB-V07: Call-ID = sid@gateway, a dialog's sid is stable, both directions recognise their own ids (MEDIA-25, JNG-07, JNG-12: nothing loops through the weaker-authenticated side)")
    void v11() {
        String callId = CallCorrelation.callId("a73sjjvkla37jfea", "gw.example");
        assertEquals("a73sjjvkla37jfea@gw.example", callId);
        assertTrue(CallCorrelation.isOwn(callId, "gw.example"));
        assertFalse(CallCorrelation.isOwn("3848276298220188511@example.com", "gw.example"));
        String odd = CallCorrelation.callId("sid with spaces", "gw.example");
        assertTrue(odd.startsWith("j-") && odd.endsWith("@gw.example") && !odd.contains(" "));
        String sid = CallCorrelation.sid("3848276298220188511@example.com", "8321234356");
        assertEquals(sid, CallCorrelation.sid("3848276298220188511@example.com", "8321234356"));
        assertTrue(sid.matches("[a-z0-9-]+"));
        assertTrue(CallCorrelation.isOwnSid(sid));
        assertFalse(CallCorrelation.isOwnSid("a73sjjvkla37jfea"));
    }

    @Test
    @DisplayName("JNG-11: of two simultaneous session-initiates the lower sid wins")
    void tieBreak() {
        assertTrue(CallCorrelation.winsTieBreak("abc", "abd"));
        assertFalse(CallCorrelation.winsTieBreak("b", "a"));
    }

    @Test
    @DisplayName("V13: the INVITE may carry Call-Info <xmpp:caller>;purpose=impp (CUSAX-01)")
    void v13() {
        assertEquals("<xmpp:alice@xmpp.example.com>;purpose=impp", CallCorrelation.callInfo("alice@xmpp.example.com"));
    }
}

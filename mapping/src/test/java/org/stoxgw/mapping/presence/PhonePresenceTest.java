package org.stoxgw.mapping.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stoxgw.mapping.payload.TestStanzas.presence;
import static org.stoxgw.mapping.payload.TestStanzas.utf8;

import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.payload.ParseProblem;
import org.stoxgw.mapping.payload.ParseResult;
import org.stoxgw.mapping.payload.XmlLimits;

/** Phone presence from the dialog event package (RFC 4235), issue 7 "beyond the RFC". */
class PhonePresenceTest {

    /** RFC 4235 §4.1 style example: Alice's outgoing call, trying. */
    static final String TRYING = """
            <?xml version="1.0"?>
            <dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info"
                         version="0" state="full"
                         entity="sip:alice@example.com">
              <dialog id="as7d900as8" call-id="a84b4c76e66710"
                      local-tag="1928301774" direction="initiator">
                <state>trying</state>
              </dialog>
            </dialog-info>
            """;

    /** The same call confirmed, with participants (RFC 4235 §4.1.6 elements), as a partial update. */
    static final String CONFIRMED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info"
                         version="1" state="partial" entity="sip:alice@example.com">
              <dialog id="as7d900as8" call-id="a84b4c76e66710" local-tag="1928301774"
                      remote-tag="456887766" direction="initiator">
                <state event="replaced">confirmed</state>
                <duration>274</duration>
                <local>
                  <identity display="Alice">sip:alice@example.com</identity>
                  <target uri="sip:alice@pc33.example.com"/>
                </local>
                <remote>
                  <identity display="Bob">sip:bob@example.org</identity>
                  <target uri="sip:bobster@phone21.example.org"/>
                </remote>
              </dialog>
            </dialog-info>
            """;

    static DialogInfo parse(String xml) {
        return DialogInfoParser.parse(utf8(xml), XmlLimits.DEFAULT).orElseThrow();
    }

    @Test
    void parsesRfc4235Documents() {
        DialogInfo trying = parse(TRYING);
        assertEquals(0, trying.version());
        assertTrue(trying.full());
        assertEquals("sip:alice@example.com", trying.entity());
        assertEquals(new DialogInfo.Dialog("as7d900as8", DialogInfo.State.TRYING, "initiator"), trying.dialogs().get(0));
        DialogInfo confirmed = parse(CONFIRMED);
        assertFalse(confirmed.full());
        assertEquals(DialogInfo.State.CONFIRMED, confirmed.dialogs().get(0).state());
    }

    @Test
    void refusesWhatCannotBeOrdered() {
        assertEquals(ParseProblem.INVALID_VALUE, problem(TRYING.replace("version=\"0\" ", "")));
        assertEquals(ParseProblem.INVALID_VALUE, problem(TRYING.replace("version=\"0\"", "version=\"-1\"")));
        assertEquals(ParseProblem.INVALID_VALUE, problem(TRYING.replace("state=\"full\"", "state=\"some\"")));
        assertEquals(ParseProblem.UNEXPECTED_CONTENT, problem(PidfParserTest.P4));
        assertEquals(ParseProblem.DTD_FORBIDDEN, problem("<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e 'e'>]>" + TRYING.substring(22)));
    }

    private static ParseProblem problem(String xml) {
        ParseResult<DialogInfo> r = DialogInfoParser.parse(utf8(xml), XmlLimits.DEFAULT);
        return ((ParseResult.Refused<DialogInfo>) r).problem();
    }

    @Test
    @DisplayName("on the phone only once a dialog is confirmed; off when it terminates")
    void callLifecycle() {
        PhoneCalls s = PhoneCalls.NONE.apply(parse(TRYING));
        assertFalse(s.onThePhone(), "trying is not yet a call");
        s = s.apply(parse(CONFIRMED));
        assertTrue(s.onThePhone());
        PhoneCalls ended = s.apply(parse(CONFIRMED.replace("version=\"1\"", "version=\"2\"")
                .replace(">confirmed<", ">terminated<")));
        assertFalse(ended.onThePhone());
        assertTrue(ended.dialogs().isEmpty(), "terminated dialogs are forgotten");
    }

    @Test
    @DisplayName("stale and duplicate versions change nothing; a gap in partial versions asks for full state")
    void versions() {
        PhoneCalls s = PhoneCalls.NONE.apply(parse(CONFIRMED));
        assertSame(s, s.apply(parse(TRYING)), "version 0 after 1 is stale");
        assertSame(s, s.apply(parse(CONFIRMED)), "duplicate");
        DialogInfo jump = parse(CONFIRMED.replace("version=\"1\"", "version=\"5\""));
        assertTrue(s.missedBefore(jump));
        assertFalse(s.missedBefore(parse(CONFIRMED.replace("version=\"1\"", "version=\"2\""))));
        DialogInfo fullEmpty = parse("<dialog-info xmlns='urn:ietf:params:xml:ns:dialog-info' version='9' state='full'/>");
        assertFalse(s.apply(fullEmpty).onThePhone(), "full state with no dialogs clears everything");
    }

    @Test
    @DisplayName("a peer listing endless dialogs cannot grow the state")
    void bounded() {
        StringBuilder sb = new StringBuilder("<dialog-info xmlns='urn:ietf:params:xml:ns:dialog-info' version='1' state='full'>");
        for (int i = 0; i < 100; i++) {
            sb.append("<dialog id='d").append(i).append("'><state>early</state></dialog>");
        }
        PhoneCalls s = PhoneCalls.NONE.apply(parse(sb.append("</dialog-info>").toString()));
        assertEquals(PhoneCalls.MAX_DIALOGS, s.dialogs().size());
    }

    @Test
    @DisplayName("on the phone: the configured show and status on top of the user's presence")
    void overlay() {
        PhonePresence.Style style = new PhonePresence.Style(Show.DND, "On the phone", "en");
        Presence base = presence("<presence from='alice@example.com/desk' to='bob@example.org'><show>away</show>"
                + "<status>Lunch</status><priority>5</priority></presence>");
        Presence busy = PhonePresence.overlay(base, true, style);
        assertEquals(Presence.Type.available, busy.getType());
        assertEquals(Presence.Mode.dnd, busy.getMode());
        assertEquals("On the phone", busy.getStatus());
        assertEquals("en", busy.getLanguage());
        assertEquals(5, busy.getPriority());
        assertEquals(base.getFrom(), busy.getFrom());
        assertSame(base, PhonePresence.overlay(base, false, style), "off the phone: presence as it is");

        Presence offline = presence("<presence from='alice@example.com' to='bob@example.org' type='unavailable'/>");
        Presence inCall = PhonePresence.overlay(offline, true, new PhonePresence.Style(Show.AWAY, "", ""));
        assertEquals(Presence.Type.available, inCall.getType(), "a user in a call is reachable");
        assertEquals(Presence.Mode.away, inCall.getMode());
    }
}

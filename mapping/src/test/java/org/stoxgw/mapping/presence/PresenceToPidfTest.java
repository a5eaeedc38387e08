package org.stoxgw.mapping.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stoxgw.mapping.payload.TestStanzas.presence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.stoxgw.mapping.payload.XmlLimits;
import org.stoxgw.mapping.sip.SipBody;

class PresenceToPidfTest {

    static final Instant T0 = Instant.parse("2025-01-02T03:04:05.678Z");

    static PidfTuple tuple(String stanza, String contact) {
        return PresenceToPidf.tuple(presence(stanza), contact, null).orElseThrow();
    }

    static String pidf(String entity, PidfTuple t) {
        return PidfWriter.write(PresenceToPidf.document(entity, List.of(t)), T0, false);
    }

    @Test
    @DisplayName("P10: presence with show away becomes tuple ID-<resource>, open, embedded show (PRES-31/32/36)")
    void p10() {
        PidfTuple t = tuple("""
                <presence from='juliet@example.com/yn0cl4bnw0yr3vym' to='romeo@example.net'>
                  <show>away</show>
                </presence>""", null);
        String xml = pidf(PresenceToPidf.presUri("sip:juliet@example.com"), t);
        assertTrue(xml.startsWith("<?xml version='1.0' encoding='UTF-8'?>"), "PIDF-01: declaration with encoding");
        assertTrue(xml.contains("<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='pres:juliet@example.com'>"),
                "PIDF-02: PIDF namespace and pres: entity");
        assertTrue(xml.contains("<tuple id='ID-yn0cl4bnw0yr3vym'>"), "PRES-31");
        assertTrue(xml.contains("<basic>open</basic>"), "PRES-32");
        assertTrue(xml.contains("<show xmlns='jabber:client'>away</show>"), "PRES-36");
        PidfTuple back = PidfParser.parse(xml.getBytes(StandardCharsets.UTF_8), XmlLimits.DEFAULT).orElseThrow().tuples().get(0);
        assertEquals(new PidfTuple("ID-yn0cl4bnw0yr3vym", Basic.OPEN, Show.AWAY, "", PidfTuple.NO_PRIORITY, List.of(),
                PidfTimestamps.format(T0)), back);
    }

    @Test
    @DisplayName("P14: show, status with xml:lang, priority on the contact (PRES-30/35, PIDF-03/06/07, AMB-P04)")
    void p14() {
        Presence p = presence("""
                <presence from='juliet@example.com/balcony' to='romeo@example.net' xml:lang='en'>
                  <show>dnd</show>
                  <status>In a meeting</status>
                  <priority>2</priority>
                </presence>""");
        PidfTuple t = PresenceToPidf.tuple(p, "sip:juliet@example.com;gr=balcony", null).orElseThrow();
        String xml = pidf("pres:juliet@example.com", t);
        assertTrue(xml.contains("<tuple id='ID-balcony'>"));
        assertTrue(xml.contains("<show xmlns='jabber:client'>dnd</show>"));
        assertTrue(xml.contains("<contact priority='0.015'>sip:juliet@example.com;gr=balcony</contact>"));
        assertTrue(xml.contains("<note xml:lang='en'>In a meeting</note>"));
        assertEquals("en", p.getLanguage(), "the stanza language is what the NOTIFY's Content-Language carries");
        // PIDF-03: status, contact, note, timestamp in that order
        int status = xml.indexOf("<status>");
        int contact = xml.indexOf("<contact");
        int note = xml.indexOf("<note");
        int ts = xml.indexOf("<timestamp>");
        assertTrue(status < contact && contact < note && note < ts, xml);

        Presence negative = presence("<presence from='juliet@example.com/balcony' to='romeo@example.net' xml:lang='en'>"
                + "<show>dnd</show><status>In a meeting</status><priority>-5</priority></presence>");
        String negXml = pidf("pres:juliet@example.com",
                PresenceToPidf.tuple(negative, "sip:juliet@example.com;gr=balcony", null).orElseThrow());
        assertTrue(negXml.contains("<contact>sip:juliet@example.com;gr=balcony</contact>"), "PRES-34: no priority attribute");
    }

    @ParameterizedTest(name = "show {0}")
    @CsvSource({"'', ''", "away, away", "chat, chat", "dnd, dnd", "xa, xa"})
    @DisplayName("table 2.5: available presence with each show value")
    void table25(String show, String expected) {
        String stanza = "<presence from='a@b.example/r'>" + (show.isEmpty() ? "" : "<show>" + show + "</show>") + "</presence>";
        String xml = pidf("pres:a@b.example", tuple(stanza, null));
        assertTrue(xml.contains("<basic>open</basic>"));
        if (expected.isEmpty()) {
            assertFalse(xml.contains("<show"), xml);
        } else {
            assertTrue(xml.contains("<show xmlns='jabber:client'>" + expected + "</show>"), xml);
        }
    }

    @Test
    @DisplayName("P16 / PRES-33: unavailable becomes closed with no show; its status is kept as a note")
    void unavailable() {
        PidfTuple t = tuple("<presence from='juliet@example.com/balcony' to='romeo@example.net' type='unavailable'>"
                + "<status>Gone home</status></presence>", "sip:juliet@example.com;gr=balcony");
        assertEquals(Basic.CLOSED, t.basic());
        assertEquals(Show.NONE, t.show());
        assertFalse(t.hasPriority());
        String xml = pidf("pres:juliet@example.com", t);
        assertTrue(xml.contains("<tuple id='ID-balcony'>") && xml.contains("<basic>closed</basic>"));
        assertTrue(xml.contains("<note>Gone home</note>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"subscribe", "subscribed", "unsubscribe", "unsubscribed", "probe", "error"})
    @DisplayName("PRES-29: only no-type and unavailable presence become NOTIFY bodies")
    void otherTypesAreNotNotifications(String type) {
        Presence p = presence("<presence from='juliet@example.com/balcony' to='romeo@example.net' type='" + type + "'/>");
        assertFalse(PresenceToPidf.tuple(p, "sip:juliet@example.com", null).isPresent());
    }

    @Test
    @DisplayName("PIDF-07: a status without xml:lang takes the default language given by the gateway")
    void defaultLanguage() {
        Presence p = presence("<presence from='a@b.example/r'><status>Hi</status></presence>");
        assertEquals(List.of(new Note("Hi", "de")), PresenceToPidf.tuple(p, null, "de").orElseThrow().notes());
        assertEquals(List.of(new Note("Hi", "")), PresenceToPidf.tuple(p, null, null).orElseThrow().notes());
    }

    @Test
    @DisplayName("P9: a closed tuple for the final NOTIFY of a cancelled subscription")
    void closedTuple() {
        String xml = pidf("pres:juliet@example.com", PresenceToPidf.closed("balcony"));
        assertTrue(xml.contains("<tuple id='ID-balcony'>") && xml.contains("<basic>closed</basic>"));
    }

    @Test
    @DisplayName("PIDF-04: every written <status> has at least one child; a tuple with nothing to say is left out")
    void statusNeverEmpty() {
        PidfDocument d = PresenceToPidf.document("pres:a@b", List.of(PidfTuple.of("ID-a", Basic.NONE, Show.AWAY),
                PidfTuple.of("ID-b", Basic.NONE, Show.NONE), PidfTuple.of("ID-c", Basic.OPEN, Show.NONE)));
        String xml = PidfWriter.write(d, T0, false);
        assertFalse(xml.contains("ID-b"), xml);
        assertFalse(xml.contains("<status/>") || xml.matches("(?s).*<status>\\s*</status>.*"), xml);
        PidfDocument back = PidfParser.parse(xml.getBytes(StandardCharsets.UTF_8), XmlLimits.DEFAULT).orElseThrow();
        assertEquals(List.of(Show.AWAY, Show.NONE), back.tuples().stream().map(PidfTuple::show).toList());
        assertEquals(List.of(Basic.NONE, Basic.OPEN), back.tuples().stream().map(PidfTuple::basic).toList());
    }

    @Test
    @DisplayName("PRES-26: without meaningful availability the NOTIFY body is empty")
    void emptyWithoutInformation() {
        assertSame(SipBody.EMPTY, PidfWriter.body(PresenceToPidf.document("pres:a@b", List.of()), T0, false));
        assertSame(SipBody.EMPTY, PidfWriter.body(null, T0, false));
        assertSame(SipBody.EMPTY, PidfWriter.body(PresenceToPidf.document("pres:a@b",
                List.of(PidfTuple.of("t", Basic.NONE, Show.NONE))), T0, false));
        SipBody b = PidfWriter.body(PresenceToPidf.document("pres:a@b", List.of(PresenceToPidf.closed("r"))), T0, false);
        assertEquals("application/pidf+xml", b.contentType());
        assertTrue(b.utf8().contains("<basic>closed</basic>"));
    }

    @Test
    @DisplayName("PIDF-08: timestamps are RFC 3339 with upper-case T and Z and never repeat")
    void timestamps() {
        String xml = pidf("pres:a@b", PresenceToPidf.closed("r"));
        assertTrue(xml.contains("<timestamp>2025-01-02T03:04:05.678Z</timestamp>"), xml);
        Instant first = PidfTimestamps.next(T0, null);
        Instant sameClock = PidfTimestamps.next(T0, first);
        Instant clockWentBack = PidfTimestamps.next(T0.minusSeconds(5), sameClock);
        assertNotEquals(PidfTimestamps.format(first), PidfTimestamps.format(sameClock));
        assertTrue(clockWentBack.isAfter(sameClock));
        assertEquals(T0.plusSeconds(1), PidfTimestamps.next(T0.plusSeconds(1), first), "a later clock is used as is");
    }

    @Test
    @DisplayName("PRES-37: RPID activities for SIP UAs that render only RPID (away, xa -> away; dnd -> busy)")
    void rpidActivities() {
        String away = PidfWriter.write(PresenceToPidf.document("pres:a@b",
                List.of(tuple("<presence from='a@b/r'><show>xa</show></presence>", null))), T0, true);
        assertTrue(away.contains("<rpid:away/>") && away.contains("xmlns:rpid='urn:ietf:params:xml:ns:pidf:rpid'"), away);
        assertTrue(away.contains("<show xmlns='jabber:client'>xa</show>"), "both the show and the custom element (PRES-37)");
        String busy = PidfWriter.write(PresenceToPidf.document("pres:a@b",
                List.of(tuple("<presence from='a@b/r'><show>dnd</show></presence>", null))), T0, true);
        assertTrue(busy.contains("<rpid:busy/>"), busy);
        String plain = PidfWriter.write(PresenceToPidf.document("pres:a@b",
                List.of(tuple("<presence from='a@b/r'/>", null))), T0, true);
        assertFalse(plain.contains("rpid"), "nothing to say for plain available");
        PidfDocument back = PidfParser.parse(busy.getBytes(StandardCharsets.UTF_8), XmlLimits.DEFAULT).orElseThrow();
        assertEquals(Show.DND, back.activityShow());
    }

    @Test
    @DisplayName("markup and control characters in a status cannot break the PIDF document")
    void hostileStatus() {
        Presence p = presence("<presence from='a@b/r'><status>&lt;/note&gt;&lt;basic&gt;open&amp;'\"</status></presence>");
        String xml = pidf("pres:a@b", PresenceToPidf.tuple(p, "sip:a@b;gr=r", null).orElseThrow());
        PidfTuple back = PidfParser.parse(xml.getBytes(StandardCharsets.UTF_8), XmlLimits.DEFAULT).orElseThrow().tuples().get(0);
        assertEquals("</note><basic>open&'\"", back.notes().get(0).text());
    }

    @Test
    @DisplayName("PIDF-02: the entity is the pres: form of the user's SIP URI")
    void presUri() {
        assertEquals("pres:juliet@example.com", PresenceToPidf.presUri("sip:juliet@example.com;gr=balcony"));
        assertEquals("pres:juliet@example.com", PresenceToPidf.presUri("SIPS:juliet@example.com?subject=x"));
        assertEquals("pres:juliet@example.com", PresenceToPidf.presUri("pres:juliet@example.com"));
    }
}

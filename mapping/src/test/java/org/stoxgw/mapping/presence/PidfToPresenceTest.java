package org.stoxgw.mapping.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.stoxgw.mapping.payload.TestStanzas.bare;
import static org.stoxgw.mapping.payload.TestStanzas.jid;
import static org.stoxgw.mapping.payload.TestStanzas.presence;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.payload.TestStanzas;
import org.stoxgw.mapping.payload.XmlLimits;

class PidfToPresenceTest {

    static List<Presence> map(String pidf, String gruu) {
        PidfDocument d = PidfParserTest.parse(pidf);
        return PidfToPresence.presences(d, bare("romeo@example.net"), jid("juliet@example.com"), gruu);
    }

    @Test
    @DisplayName("P4: open + show away -> presence from the full JID with <show>away</show> (PRES-41, PRES-43, AMB-P03)")
    void p4() {
        List<Presence> out = map(PidfParserTest.P4, null);
        assertEquals(1, out.size());
        Presence p = out.get(0);
        assertEquals("romeo@example.net/dr4hcr0st3lup4c", p.getFrom().toString());
        assertEquals("juliet@example.com", p.getTo().toString());
        assertEquals(Presence.Type.available, p.getType());
        assertEquals(Presence.Mode.away, p.getMode());
        assertNull(p.getStanzaId(), "PRES-39: nothing maps to the stanza id");
    }

    @Test
    @DisplayName("P11: closed -> unavailable, from the same full JID that was announced available (PRES-41, AMB-P03)")
    void p11() {
        Presence p = map(PidfParserTest.P11, null).get(0);
        assertEquals(Presence.Type.unavailable, p.getType());
        assertEquals("romeo@example.net/dr4hcr0st3lup4c", p.getFrom().toString());
    }

    @Test
    @DisplayName("PRES-40/42: priority by the inverse scaling, note -> status with its language")
    void priorityAndStatus() {
        Presence p = map("""
                <presence xmlns='urn:ietf:params:xml:ns:pidf' entity='pres:romeo@example.net'>
                  <tuple id='ID-balcony'>
                    <status><basic>open</basic><show xmlns='jabber:client'>dnd</show></status>
                    <contact priority='0.015'>sip:romeo@example.net;gr=balcony</contact>
                    <note xml:lang='en'>In a meeting</note>
                  </tuple>
                </presence>""", null).get(0);
        assertEquals(2, p.getPriority());
        assertEquals(Presence.Mode.dnd, p.getMode());
        assertEquals("In a meeting", p.getStatus());
        assertEquals("en", p.getLanguage());
        assertEquals("romeo@example.net/balcony", p.getFrom().toString());
    }

    @Test
    @DisplayName("AMB-P08: one presence per tuple; AMB-P03: resource from id prefix, contact gr, Contact GRUU, else bare")
    void severalTuples() {
        String doc = """
                <presence xmlns='urn:ietf:params:xml:ns:pidf' entity='pres:romeo@example.net'>
                  <tuple id='ID-phone'><status><basic>open</basic></status></tuple>
                  <tuple id='x7'><status><basic>open</basic></status><contact>sip:romeo@example.net;gr=desk</contact></tuple>
                  <tuple id='x8'><status><basic>closed</basic></status><contact>sip:romeo@example.net</contact></tuple>
                </presence>""";
        List<Presence> out = map(doc, "hdr-gruu");
        assertEquals(List.of("romeo@example.net/phone", "romeo@example.net/desk", "romeo@example.net/hdr-gruu"),
                out.stream().map(p -> p.getFrom().toString()).toList());
        assertEquals(Presence.Type.unavailable, out.get(2).getType());
        assertEquals("romeo@example.net", map(doc, null).get(2).getFrom().toString(), "no GRUU anywhere: bare JID");
    }

    @Test
    @DisplayName("AMB-P08: tuples on the same resource are merged, the most available wins")
    void mergeSameResource() {
        List<Presence> out = map("""
                <presence xmlns='urn:ietf:params:xml:ns:pidf' entity='pres:romeo@example.net'>
                  <tuple id='a'><status><basic>closed</basic></status></tuple>
                  <tuple id='b'><status><basic>open</basic><show xmlns='jabber:client'>away</show></status></tuple>
                  <tuple id='c'><status><basic>open</basic></status></tuple>
                  <tuple id='d'><status><basic>open</basic><show xmlns='jabber:client'>dnd</show></status></tuple>
                </presence>""", null);
        assertEquals(1, out.size());
        assertEquals(Presence.Type.available, out.get(0).getType());
        assertEquals(Presence.Mode.available, out.get(0).getMode());
    }

    @Test
    @DisplayName("PRES-37: an RPID activity gives the show when the tuple has none; tuples without status are skipped")
    void rpidAndSkipping() {
        List<Presence> out = map("""
                <presence xmlns='urn:ietf:params:xml:ns:pidf' xmlns:dm='urn:ietf:params:xml:ns:pidf:data-model'
                          xmlns:rpid='urn:ietf:params:xml:ns:pidf:rpid' entity='sip:romeo@example.net'>
                  <tuple id='t1'><status><basic>open</basic></status></tuple>
                  <tuple id='t2'><status/></tuple>
                  <dm:person id='p'><rpid:activities><rpid:away/></rpid:activities></dm:person>
                  <note>Back soon</note>
                </presence>""", null);
        assertEquals(1, out.size());
        assertEquals(Presence.Mode.away, out.get(0).getMode());
        assertEquals("Back soon", out.get(0).getStatus(), "presence-level note when the tuple has none");
    }

    @Test
    @DisplayName("PRES-08: a NOTIFY without body means unknown: unavailable from the bare JID")
    void emptyNotify() {
        Presence p = PidfToPresence.unknown(bare("romeo@example.net"), jid("juliet@example.com"));
        assertEquals(Presence.Type.unavailable, p.getType());
        assertEquals("romeo@example.net", p.getFrom().toString());
        assertEquals("juliet@example.com", p.getTo().toString());
    }

    @Provide
    Arbitrary<String> shows() {
        return Arbitraries.of("", "chat", "away", "xa", "dnd");
    }

    @Provide
    Arbitrary<String> resources() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars(' ', '@', '_', '/', 'é', '1').ofMinLength(1).ofMaxLength(20)
                .filter(s -> !s.isBlank() && s.strip().equals(s));
    }

    /** Round trip: presence -> PIDF text -> presence keeps resource, type, show, status, priority (PRES-30, PRES-40). */
    @Property(tries = 200)
    void roundTrip(@ForAll("resources") String resource, @ForAll("shows") String show,
                   @ForAll @IntRange(min = -128, max = 127) int priority, @ForAll boolean available) {
        String esc = resource.replace("&", "&amp;").replace("'", "&apos;").replace("<", "&lt;");
        Presence in = presence("<presence from='juliet@example.com/" + esc + "' to='romeo@example.net'"
                + (available ? "" : " type='unavailable'") + " xml:lang='en'>"
                + (show.isEmpty() ? "" : "<show>" + show + "</show>") + "<status>Status &amp; more</status>"
                + "<priority>" + priority + "</priority></presence>");
        PidfTuple t = PresenceToPidf.tuple(in, "sip:juliet@example.com;gr=x", null).orElseThrow();
        String xml = PidfWriter.write(PresenceToPidf.document("pres:juliet@example.com", List.of(t)), Instant.EPOCH, true);
        PidfDocument d = PidfParser.parse(TestStanzas.utf8(xml), XmlLimits.DEFAULT).orElseThrow();
        Presence out = PidfToPresence.presences(d, bare("juliet@example.com"), jid("romeo@example.net"), null).get(0);
        assertEquals(in.getFrom(), out.getFrom());
        assertEquals(in.getType(), out.getType());
        assertEquals(in.getStatus(), out.getStatus());
        assertEquals("en", out.getLanguage());
        if (available) {
            assertEquals(in.getMode(), out.getMode());
            assertEquals(Math.max(0, priority), out.getPriority());
        }
    }
}

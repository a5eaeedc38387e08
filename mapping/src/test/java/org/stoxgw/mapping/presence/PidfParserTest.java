package org.stoxgw.mapping.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stoxgw.mapping.payload.TestStanzas.utf8;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.payload.ParseProblem;
import org.stoxgw.mapping.payload.ParseResult;
import org.stoxgw.mapping.payload.XmlLimits;

class PidfParserTest {

    /** Spec vector P4 (RFC 8048 ex. 4 body). */
    static final String P4 = """
            <?xml version='1.0' encoding='UTF-8'?>
            <presence xmlns='urn:ietf:params:xml:ns:pidf'
                      entity='pres:romeo@example.net'>
              <tuple id='ID-dr4hcr0st3lup4c'>
                <status>
                  <basic>open</basic>
                  <show xmlns='jabber:client'>away</show>
                </status>
              </tuple>
            </presence>
            """;

    /** Spec vector P11 (RFC 8048 ex. 20 body). */
    static final String P11 = """
            <?xml version='1.0' encoding='UTF-8'?>
            <presence xmlns='urn:ietf:params:xml:ns:pidf'
                      entity='pres:romeo@example.net'>
              <tuple id='ID-dr4hcr0st3lup4c'>
                <status>
                  <basic>closed</basic>
                </status>
              </tuple>
            </presence>
            """;

    static PidfDocument parse(String xml) {
        return PidfParser.parse(utf8(xml), XmlLimits.DEFAULT).orElseThrow();
    }

    static ParseProblem problem(String xml) {
        ParseResult<PidfDocument> r = PidfParser.parse(utf8(xml), XmlLimits.DEFAULT);
        assertFalse(r.isOk(), "expected a refusal");
        return ((ParseResult.Refused<PidfDocument>) r).problem();
    }

    @Test
    @DisplayName("P4: open tuple with embedded jabber:client show (PRES-36, PIDF-02)")
    void p4() {
        PidfDocument d = parse(P4);
        assertEquals("pres:romeo@example.net", d.entity());
        assertEquals(1, d.tuples().size());
        PidfTuple t = d.tuples().get(0);
        assertEquals("ID-dr4hcr0st3lup4c", t.id());
        assertEquals(Basic.OPEN, t.basic());
        assertEquals(Show.AWAY, t.show());
    }

    @Test
    @DisplayName("P11: closed tuple (PIDF-05)")
    void p11() {
        PidfTuple t = parse(P11).tuples().get(0);
        assertEquals(Basic.CLOSED, t.basic());
        assertEquals(Show.NONE, t.show());
    }

    @Test
    @DisplayName("tolerant receiver: several tuples, unknown elements ignored (PIDF-09), notes, contact, timestamp")
    void tolerantReceiver() {
        PidfDocument d = parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:x="urn:example:ext"
                          xmlns:im="urn:ietf:params:xml:ns:pidf:im" entity="pres:someone@example.com" xml:lang="fr">
                  <x:whatever><x:deep>ignored</x:deep></x:whatever>
                  <tuple id="a1">
                    <status><basic>open</basic><im:im>busy</im:im><x:mood>happy</x:mood></status>
                    <x:tuple-ext/>
                    <contact priority="0.8">sip:someone@example.com;gr=desk</contact>
                    <note xml:lang="en">At my desk</note>
                    <note>Au bureau</note>
                    <timestamp>2004-08-20T09:05:12Z</timestamp>
                  </tuple>
                  <tuple id="b2">
                    <status><basic> Closed </basic></status>
                    <contact priority="1.5">sip:someone@example.com</contact>
                  </tuple>
                  <tuple id="c3"><status><x:only-extension/></status></tuple>
                  <note>Présence</note>
                </presence>
                """);
        assertEquals(3, d.tuples().size());
        PidfTuple a = d.tuples().get(0);
        assertEquals(Basic.OPEN, a.basic());
        assertEquals("sip:someone@example.com;gr=desk", a.contact());
        assertEquals(800, a.priority()); // PIDF-06
        assertEquals(List.of(new Note("At my desk", "en"), new Note("Au bureau", "fr")), a.notes()); // PIDF-07
        assertEquals(Instant.parse("2004-08-20T09:05:12Z"), PidfTimestamps.parse(a.timestamp()).orElseThrow()); // PIDF-08
        PidfTuple b = d.tuples().get(1);
        assertEquals(Basic.CLOSED, b.basic());
        assertFalse(b.hasPriority(), "PIDF-06: an out-of-range priority is ignored");
        assertEquals(Basic.NONE, d.tuples().get(2).basic());
        assertEquals(List.of(new Note("Présence", "fr")), d.notes());
    }

    @Test
    @DisplayName("PIDF-09: an unknown extension marked mustUnderstand refuses the document (RFC 3863 §4.2.3)")
    void mustUnderstand() {
        String xml = """
                <presence xmlns='urn:ietf:params:xml:ns:pidf' xmlns:x='urn:example:ext' entity='pres:a@b'>
                  <tuple id='t'><status><basic>open</basic><x:vital mustUnderstand='true'/></status></tuple>
                </presence>""";
        assertEquals(ParseProblem.MUST_UNDERSTAND, problem(xml));
        String qualified = xml.replace("mustUnderstand='true'", "xmlns:p='urn:ietf:params:xml:ns:pidf' p:mustUnderstand='1'");
        assertEquals(ParseProblem.MUST_UNDERSTAND, problem(qualified));
        assertTrue(PidfParser.parse(utf8(xml.replace("'true'", "'false'")), XmlLimits.DEFAULT).isOk());
    }

    @Test
    @DisplayName("PIDF-01: UTF-8 accepted, other declared encodings honoured")
    void encodings() {
        String doc = "<?xml version='1.0' encoding='%s'?><presence xmlns='urn:ietf:params:xml:ns:pidf' entity='pres:a@b'>"
                + "<tuple id='t'><status><basic>open</basic></status><note>Ça va, 東京</note></tuple></presence>";
        assertEquals("Ça va, 東京", parse(String.format(doc, "UTF-8")).tuples().get(0).notes().get(0).text());
        byte[] latin1 = String.format(doc, "ISO-8859-1").replace(", 東京", "").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("Ça va", PidfParser.parse(latin1, XmlLimits.DEFAULT).orElseThrow().tuples().get(0).notes().get(0).text());
    }

    @Test
    @DisplayName("a baresip-style NOTIFY body (CRLF, standalone, RPID person first) parses")
    void bareSipStyle() {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\r\n"
                + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"\r\n"
                + "    xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\"\r\n"
                + "    xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\"\r\n"
                + "    entity=\"sip:bob@sip.example\">\r\n"
                + "  <dm:person id=\"p4159\"><rpid:activities><rpid:busy/></rpid:activities></dm:person>\r\n"
                + "  <tuple id=\"t4109\">\r\n    <status>\r\n      <basic>open</basic>\r\n    </status>\r\n"
                + "    <contact>sip:bob@sip.example</contact>\r\n  </tuple>\r\n</presence>\r\n";
        PidfDocument d = parse(body);
        assertEquals("sip:bob@sip.example", d.entity());
        assertEquals(Show.DND, d.activityShow(), "PRES-37: RPID busy read as dnd");
        assertEquals(Basic.OPEN, d.tuples().get(0).basic());
        assertEquals(Show.NONE, parse(body.replace("<rpid:activities><rpid:busy/></rpid:activities>", "<rpid:activities/>"))
                .activityShow());
    }

    @Test
    @DisplayName("a show in jabber:server or directly in the tuple is accepted; other namespaces are not a show")
    void showVariants() {
        String base = "<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='pres:a@b'><tuple id='t'>%s</tuple></presence>";
        assertEquals(Show.XA, parse(String.format(base,
                "<status><basic>open</basic><show xmlns='jabber:server'>xa</show></status>")).tuples().get(0).show());
        assertEquals(Show.CHAT, parse(String.format(base,
                "<status><basic>open</basic></status><show xmlns='jabber:client'>chat</show>")).tuples().get(0).show());
        assertEquals(Show.NONE, parse(String.format(base,
                "<status><basic>open</basic><show xmlns='urn:other'>dnd</show></status>")).tuples().get(0).show());
        assertEquals(Show.NONE, parse(String.format(base,
                "<status><basic>open</basic><show xmlns='jabber:client'>sleepy</show></status>")).tuples().get(0).show());
    }

    @Test
    @DisplayName("not PIDF, and hostile PIDF, are refused with a reason")
    void refusals() {
        assertEquals(ParseProblem.UNEXPECTED_CONTENT, problem("<presence xmlns='jabber:client'/>"));
        assertEquals(ParseProblem.UNEXPECTED_CONTENT, problem("<dialog-info xmlns='urn:ietf:params:xml:ns:dialog-info'/>"));
        assertEquals(ParseProblem.DTD_FORBIDDEN, problem("<?xml version='1.0'?><!DOCTYPE presence [<!ENTITY a 'aaaa'>]>"
                + "<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='pres:a@b'><note>&a;</note></presence>"));
        assertEquals(ParseProblem.MALFORMED, problem("<presence xmlns='urn:ietf:params:xml:ns:pidf'><tuple></presence>"));
        String deep = "<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='pres:a@b'><tuple id='t'><status>"
                + "<x xmlns='urn:x'>".repeat(100) + "</x>".repeat(100) + "</status></tuple></presence>";
        assertEquals(ParseProblem.TOO_DEEP, problem(deep));
        ParseResult<PidfDocument> big = PidfParser.parse(utf8(P4), new XmlLimits(100, 32));
        assertEquals(ParseProblem.TOO_LARGE, ((ParseResult.Refused<PidfDocument>) big).problem());
    }

    @Test
    @DisplayName("a tuple without id and a document without entity are tolerated")
    void missingAttributes() {
        PidfDocument d = parse("<presence xmlns='urn:ietf:params:xml:ns:pidf'><tuple><status><basic>open</basic></status></tuple></presence>");
        assertEquals("", d.entity());
        assertEquals("", d.tuples().get(0).id());
    }
}

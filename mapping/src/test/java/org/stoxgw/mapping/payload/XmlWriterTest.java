package org.stoxgw.mapping.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class XmlWriterTest {

    private static String[] readBack(String xml) {
        return XmlCursor.parse(TestStanzas.utf8(xml), XmlLimits.DEFAULT, c -> {
            String attr = c.attribute("v");
            return new String[] {attr, c.text()};
        }).orElseThrow();
    }

    @Test
    void escapesMarkupInTextAndAttributes() {
        String xml = new XmlWriter(64).start("e").attribute("v", "a'b\"c<&>").text("<&>'\"").end().toString();
        assertEquals("<e v='a&apos;b&quot;c&lt;&amp;&gt;'>&lt;&amp;&gt;'\"</e>", xml);
    }

    @Test
    void emptyElementIsSelfClosing() {
        assertEquals("<a><rpid:away/></a>", new XmlWriter(16).start("a").start("rpid:away").end().end().toString());
    }

    @Test
    void crLfSurvivesXmlEndOfLineHandling() {
        String text = "line1\r\nline2\rline3\n\ttab";
        String xml = new XmlWriter(64).start("e").attribute("v", text).text(text).end().toString();
        String[] back = readBack(xml);
        assertEquals(text, back[0], "attribute");
        assertEquals(text, back[1], "text");
    }

    @Test
    void charactersXmlCannotCarryBecomeReplacementCharacter() {
        String xml = new XmlWriter(64).start("e").text("a\u0000b\u0007c\uD800d\uFFFF").end().toString();
        assertEquals("a\uFFFDb\uFFFDc\uFFFDd\uFFFD", readBack(xml)[1]);
        assertEquals("a\uFFFDb", XmlWriter.xmlSafe("a\u0001b"));
        String fine = "plain text \uD83D\uDE00 é";
        assertSame(fine, XmlWriter.xmlSafe(fine), "no copy when nothing to replace");
    }

    @Property(tries = 300)
    void anyTextRoundTripsAfterXmlSafe(@ForAll String text) {
        String xml = new XmlWriter(64).start("e").attribute("v", text).text(text).end().toString();
        String[] back = readBack(xml);
        assertEquals(XmlWriter.xmlSafe(text), back[0]);
        assertEquals(XmlWriter.xmlSafe(text), back[1]);
    }
}

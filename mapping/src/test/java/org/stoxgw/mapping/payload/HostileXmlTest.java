package org.stoxgw.mapping.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stoxgw.mapping.payload.TestStanzas.utf8;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Payloads from the network never make the gateway expand entities, fetch anything or run out of
 * memory: each hostile document is refused with a problem the wiring can answer with.
 */
class HostileXmlTest {

    private static ParseResult<String> rootName(String xml, XmlLimits limits) {
        return XmlCursor.parse(utf8(xml), limits, c -> {
            String name = c.localName();
            int depth = c.depth();
            while (c.nextChild(depth)) {
                c.skip();
            }
            return name;
        });
    }

    private static ParseProblem problem(ParseResult<?> r) {
        assertFalse(r.isOk(), "expected a refusal");
        return ((ParseResult.Refused<?>) r).problem();
    }

    @Test
    @DisplayName("billion laughs: the DTD is refused before any entity is expanded")
    void entityExpansionRefused() {
        StringBuilder dtd = new StringBuilder("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol0 'lol'>");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" '");
            for (int k = 0; k < 10; k++) {
                dtd.append("&lol").append(i - 1).append(';');
            }
            dtd.append("'>");
        }
        dtd.append("]><lolz>&lol9;</lolz>");
        assertEquals(ParseProblem.DTD_FORBIDDEN, problem(rootName(dtd.toString(), XmlLimits.DEFAULT)));
    }

    @Test
    @DisplayName("external entity (XXE) and external DTD are refused, nothing is fetched")
    void externalEntityRefused() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><r>&x;</r>";
        assertEquals(ParseProblem.DTD_FORBIDDEN, problem(rootName(xxe, XmlLimits.DEFAULT)));
        String extDtd = "<?xml version='1.0'?><!DOCTYPE r SYSTEM 'http://127.0.0.1:9/evil.dtd'><r/>";
        assertEquals(ParseProblem.DTD_FORBIDDEN, problem(rootName(extDtd, XmlLimits.DEFAULT)));
    }

    @Test
    @DisplayName("an undeclared entity reference is not well-formed")
    void undeclaredEntity() {
        assertEquals(ParseProblem.MALFORMED, problem(rootName("<r>&nbsp;</r>", XmlLimits.DEFAULT)));
    }

    @Test
    @DisplayName("nesting beyond the depth limit is refused")
    void deepNesting() {
        String deep = "<a>".repeat(10_000) + "</a>".repeat(10_000);
        ParseResult<String> r = rootName(deep, new XmlLimits(1 << 20, 32));
        assertEquals(ParseProblem.TOO_DEEP, problem(r));
        assertTrue(rootName("<a>".repeat(32) + "</a>".repeat(32), new XmlLimits(1 << 20, 32)).isOk(),
                "exactly at the limit is fine");
    }

    @Test
    @DisplayName("a payload over the byte limit is refused before parsing")
    void oversize() {
        String big = "<r>" + "x".repeat(2000) + "</r>";
        ParseResult<String> r = rootName(big, new XmlLimits(1000, 8));
        assertEquals(ParseProblem.TOO_LARGE, problem(r));
        assertTrue(((ParseResult.Refused<?>) r).detail().contains("1000"));
    }

    @Test
    @DisplayName("malformed, empty and truncated documents are refused as MALFORMED")
    void malformed() {
        assertEquals(ParseProblem.MALFORMED, problem(rootName("", XmlLimits.DEFAULT)));
        assertEquals(ParseProblem.MALFORMED, problem(rootName("<a><b></a>", XmlLimits.DEFAULT)));
        assertEquals(ParseProblem.MALFORMED, problem(rootName("<a>", XmlLimits.DEFAULT)));
        assertEquals(ParseProblem.MALFORMED, problem(rootName("not xml at all", XmlLimits.DEFAULT)));
        assertEquals(ParseProblem.MALFORMED, problem(rootName("<a/><b/>", XmlLimits.DEFAULT)), "second root");
        assertEquals(ParseProblem.MALFORMED, problem(XmlCursor.parse(TestStanzas.utf8("<a>x</a>trailing junk"),
                XmlLimits.DEFAULT, XmlCursor::text)), "junk after the root, even if the reader stopped early");
        assertTrue(XmlCursor.parse(TestStanzas.utf8("<a>x</a><!-- c --><?pi x?>\n"), XmlLimits.DEFAULT, XmlCursor::text).isOk());
        assertEquals(ParseProblem.MALFORMED, problem(XmlCursor.parse(new byte[] {'<', 'a', '>', (byte) 0xC3, '<', '/', 'a', '>'},
                XmlLimits.DEFAULT, c -> c.text())));
    }

    @Test
    @DisplayName("character references and predefined entities still work")
    void predefinedEntities() {
        ParseResult<String> r = XmlCursor.parse(utf8("<a>&lt;&amp;&#x41;&#66;</a>"), XmlLimits.DEFAULT, XmlCursor::text);
        assertEquals("<&AB", r.orElseThrow());
    }

    @Test
    @DisplayName("text() collects only the element's own text and consumes the element")
    void textSkipsChildren() {
        ParseResult<String> r = XmlCursor.parse(utf8("<a>one<b>two<c/></b>three</a>"), XmlLimits.DEFAULT, XmlCursor::text);
        assertEquals("onethree", r.orElseThrow());
    }
}

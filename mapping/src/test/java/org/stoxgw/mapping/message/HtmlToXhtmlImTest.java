package org.stoxgw.mapping.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.payload.TestStanzas;
import org.stoxgw.mapping.payload.XmlCursor;
import org.stoxgw.mapping.payload.XmlLimits;

/** IM-19: whatever HTML arrives, the XHTML-IM sent is well-formed and inside the integration set. */
class HtmlToXhtmlImTest {

    /** XEP-0071 §6 integration set (structure, text, hypertext, list, image modules). */
    static final java.util.Set<String> INTEGRATION_SET = java.util.Set.of("body", "head", "html", "title", "abbr",
            "acronym", "address", "blockquote", "br", "cite", "code", "dfn", "div", "em", "h1", "h2", "h3", "h4", "h5",
            "h6", "kbd", "p", "pre", "q", "samp", "span", "strong", "var", "a", "dl", "dt", "dd", "ol", "ul", "li", "img");

    static XhtmlIm convert(String html) {
        return HtmlToXhtmlIm.convert(html, 32);
    }

    /** Checks well-formedness and the element/attribute set with the hardened parser. */
    static void assertIntegrationSet(String xhtml) {
        if (xhtml.isEmpty()) {
            return;
        }
        XmlCursor.parse(TestStanzas.utf8(xhtml), new XmlLimits(1 << 20, 64), c -> {
            check(c);
            return Boolean.TRUE;
        }).orElseThrow();
    }

    private static void check(XmlCursor c) throws javax.xml.stream.XMLStreamException {
        assertEquals(XhtmlIm.XHTML_NS, c.namespace());
        assertTrue(INTEGRATION_SET.contains(c.localName()), c.localName());
        for (String bad : new String[] {"onclick", "onload", "onerror", "class", "id"}) {
            assertEquals(null, c.attribute(bad), bad);
        }
        String href = c.attribute("href");
        assertTrue(href == null || !href.toLowerCase().startsWith("javascript"), href);
        int d = c.depth();
        while (c.nextChild(d)) {
            check(c);
        }
    }

    @Test
    @DisplayName("IM-19: presentational tags become integration-set elements or styled spans")
    void renames() {
        XhtmlIm x = convert("<b>bold</b> <i>it</i> <u>under</u> <s>gone</s> <font color='red' face='Arial'>f</font>");
        assertEquals("<body xmlns='http://www.w3.org/1999/xhtml'><strong>bold</strong> <em>it</em> "
                + "<span style='text-decoration: underline'>under</span> <span style='text-decoration: line-through'>gone</span> "
                + "<span style='color: red; font-family: Arial'>f</span></body>", x.xhtmlBody());
        assertEquals("bold it under gone f", x.plainText());
    }

    @Test
    @DisplayName("IM-19 / XEP-0071 §9: scripts, handlers, frames, javascript: links and unsafe CSS are removed")
    void sanitises() {
        XhtmlIm x = convert("<p onclick='evil()' class='c' id='i' style='color: blue; position: fixed; "
                + "background-image: url(http://x/y.png); font-weight: bold'>Hi<script>alert(1)</script></p>"
                + "<a href='javascript:alert(1)'>click</a><a href='https://example.org/a?b=c'>site</a>"
                + "<iframe src='https://evil'></iframe><img src='data:image/png;base64,AAAA' alt='pic'>"
                + "<img src='https://example.org/i.png' width='10' height='x' alt='logo'><style>p{}</style>"
                + "<span style='color: expression(alert(1))'>e</span>");
        assertIntegrationSet(x.xhtmlBody());
        String body = x.xhtmlBody();
        assertTrue(body.contains("<p style='color: blue; font-weight: bold'>Hi</p>"), body);
        assertFalse(body.contains("alert"), body);
        assertFalse(body.contains("url("), body);
        assertTrue(body.contains("<a>click</a>"), body);
        assertTrue(body.contains("<a href='https://example.org/a?b=c'>site</a>"), body);
        assertTrue(body.contains("<img alt='pic'/>"), body);
        assertTrue(body.contains("<img src='https://example.org/i.png' alt='logo' width='10'/>"), body);
        // the input has no spaces between the elements, so neither has the text; links keep their URL
        assertEquals("Hi\nclicksite <https://example.org/a?b=c>piclogoe", x.plainText());
    }

    @Test
    @DisplayName("plain body: line breaks for br and blocks, list items, entities decoded, pre kept")
    void plainText() {
        XhtmlIm x = convert("<h1>Title</h1><p>one<br>two</p><ul><li>a</li><li>b &amp; c</li></ul>"
                + "<pre>  keep\n  this</pre><p>x&nbsp;y</p>");
        assertEquals("Title\none\ntwo\n- a\n- b & c\n  keep\n  this\nx\u00a0y", x.plainText());
        assertIntegrationSet(x.xhtmlBody());
    }

    @Test
    @DisplayName("unknown elements are unwrapped, broken HTML is repaired, text-only HTML sends no XHTML-IM")
    void lenient() {
        XhtmlIm x = convert("<custom-tag>inner <blink>text</blink></custom-tag><p>unclosed <b>bold");
        assertEquals("<body xmlns='http://www.w3.org/1999/xhtml'>inner text<p>unclosed <strong>bold</strong></p></body>",
                x.xhtmlBody());
        XhtmlIm plain = convert("just text &lt;not a tag&gt;");
        assertFalse(plain.hasMarkup());
        assertEquals("just text <not a tag>", plain.plainText());
        XhtmlIm table = convert("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>");
        assertEquals("a b\nc", table.plainText());
        assertIntegrationSet(table.xhtmlBody());
    }

    @Test
    @DisplayName("deep nesting is flattened to text, not a stack overflow")
    void deep() {
        String html = "<div>".repeat(5000) + "deep" + "</div>".repeat(5000);
        XhtmlIm x = HtmlToXhtmlIm.convert(html, 16);
        assertEquals("deep", x.plainText());
        assertIntegrationSet(x.xhtmlBody());
        Matcher m = Pattern.compile("<div>").matcher(x.xhtmlBody());
        int divs = 0;
        while (m.find()) {
            divs++;
        }
        assertTrue(divs <= 16, "divs: " + divs);
    }

    @Property(tries = 300)
    void anyInputGivesWellFormedIntegrationSet(@ForAll @StringLength(max = 300) String html) {
        XhtmlIm x = convert(html);
        assertIntegrationSet(x.xhtmlBody());
    }

    @Property(tries = 200)
    void markupSoupGivesWellFormedIntegrationSet(@ForAll("soup") String html) {
        assertIntegrationSet(convert(html).xhtmlBody());
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> soup() {
        net.jqwik.api.Arbitrary<String> token = net.jqwik.api.Arbitraries.of("<b>", "</b>", "<p>", "</p>", "<a href='x:y'>",
                "<a href=\"https://e/\">", "</a>", "<script>", "</script>", "<br>", "<ul><li>", "</li>", "&amp;", "&lt;",
                "text", " ", "<img src='https://e/i' alt='a\"b'>", "<font color='#fff'>", "</font>", "<!-- c -->",
                "<table><tr><td>", "</td>", "<svg><circle/></svg>", "<style>x</style>", "\u0007", "\uD83D\uDE00");
        return token.list().ofMaxSize(30).map(l -> String.join("", l));
    }
}

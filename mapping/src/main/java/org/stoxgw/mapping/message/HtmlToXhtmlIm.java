package org.stoxgw.mapping.message;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.stoxgw.mapping.payload.XmlWriter;

/**
 * text/html → XHTML-IM (XEP-0071) plus a plain-text body (IM-18/19, AMB-M07). HTML is parsed with
 * jsoup (real-world HTML is rarely well-formed XML); the output keeps only the XHTML-IM integration
 * set (XEP-0071 §6: structure, text, hypertext, list, image modules with the style attribute):
 * <ul>
 *   <li>presentational tags are renamed: {@code b}→{@code strong}, {@code i}→{@code em},
 *       {@code tt}→{@code code}, {@code u}/{@code s}/{@code font}/{@code center} → span/div with the
 *       equivalent style; layout containers (section, table rows ...) → div, cells → span;</li>
 *   <li>active or embedded content (script, style, iframe, object, forms, media ...) is removed
 *       with its content (XEP-0071 §9);</li>
 *   <li>other unknown elements are unwrapped (their text is kept);</li>
 *   <li>attributes: {@code href} (http, https, mailto, xmpp, sip, sips, tel only), img
 *       {@code src} (http, https), {@code alt}, numeric {@code width}/{@code height}, and
 *       {@code style} reduced to the CSS properties XEP-0071 §8 recommends.</li>
 * </ul>
 * The plain text renders line breaks for br and block elements, "- " for list items and
 * "text &lt;url&gt;" for links whose text is not the URL.
 */
public final class HtmlToXhtmlIm {

    private static final Set<String> KEEP = Set.of("abbr", "acronym", "address", "blockquote", "br", "cite", "code",
            "dfn", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "p", "pre", "q", "samp", "span", "strong",
            "var", "a", "dl", "dt", "dd", "ol", "ul", "li", "img");
    private static final Map<String, String> RENAME = Map.ofEntries(Map.entry("b", "strong"), Map.entry("i", "em"),
            Map.entry("tt", "code"), Map.entry("u", "span"), Map.entry("ins", "span"), Map.entry("s", "span"),
            Map.entry("strike", "span"), Map.entry("del", "span"), Map.entry("center", "div"), Map.entry("font", "span"),
            Map.entry("big", "span"), Map.entry("small", "span"), Map.entry("sub", "span"), Map.entry("sup", "span"),
            Map.entry("mark", "span"), Map.entry("label", "span"), Map.entry("td", "span"), Map.entry("th", "span"),
            Map.entry("section", "div"), Map.entry("article", "div"), Map.entry("header", "div"),
            Map.entry("footer", "div"), Map.entry("main", "div"), Map.entry("nav", "div"), Map.entry("aside", "div"),
            Map.entry("figure", "div"), Map.entry("figcaption", "div"), Map.entry("table", "div"),
            Map.entry("tr", "div"), Map.entry("caption", "div"), Map.entry("details", "div"),
            Map.entry("summary", "div"), Map.entry("fieldset", "div"), Map.entry("legend", "div"), Map.entry("hr", "br"));
    private static final Map<String, String> IMPLIED_STYLE = Map.of("u", "text-decoration: underline",
            "ins", "text-decoration: underline", "s", "text-decoration: line-through",
            "strike", "text-decoration: line-through", "del", "text-decoration: line-through",
            "center", "text-align: center");
    private static final Set<String> DROP = Set.of("script", "style", "iframe", "object", "embed", "applet", "noscript",
            "template", "svg", "math", "head", "title", "form", "input", "button", "select", "textarea", "option",
            "audio", "video", "canvas", "map", "area", "frame", "frameset", "noframes", "param", "source", "track",
            "base", "link", "meta");
    private static final Set<String> BLOCK = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
            "ul", "ol", "dl", "li", "dt", "dd", "address");
    private static final Set<String> CSS = Set.of("background-color", "color", "font-family", "font-size", "font-style",
            "font-weight", "margin-left", "margin-right", "text-align", "text-decoration");
    private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto", "xmpp", "sip", "sips", "tel");

    private HtmlToXhtmlIm() {
    }

    /** Converts {@code html}; elements nested deeper than {@code maxDepth} contribute text only. */
    public static XhtmlIm convert(String html, int maxDepth) {
        Document doc = Jsoup.parse(html, "", Parser.htmlParser().setMaxDepth(Math.max(4, maxDepth + 2)));
        Element body = doc.body();
        XmlWriter x = new XmlWriter(html.length() + 64);
        x.start("body").attribute("xmlns", XhtmlIm.XHTML_NS);
        String bodyStyle = style(body.attr("style"), null);
        if (!bodyStyle.isEmpty()) {
            x.attribute("style", bodyStyle);
        }
        Plain plain = new Plain(html.length());
        boolean[] markup = {!bodyStyle.isEmpty()};
        for (Node child : body.childNodes()) {
            render(child, x, plain, 1, maxDepth, false, markup);
        }
        x.end();
        String text = plain.toString();
        return new XhtmlIm(text, markup[0] ? x.toString() : "");
    }

    private static void render(Node node, XmlWriter x, Plain plain, int depth, int maxDepth, boolean pre,
                               boolean[] markup) {
        if (node instanceof TextNode t) {
            String whole = t.getWholeText();
            x.text(whole);
            plain.text(whole, pre);
            return;
        }
        if (!(node instanceof Element e)) {
            return; // comments, doctype, data nodes
        }
        String name = e.normalName();
        if (DROP.contains(name)) {
            return;
        }
        if (depth > maxDepth) {
            x.text(e.text());
            plain.text(e.text(), false);
            return;
        }
        String out = KEEP.contains(name) ? name : RENAME.get(name);
        if (out == null) {
            for (Node c : e.childNodes()) {
                render(c, x, plain, depth + 1, maxDepth, pre, markup);
            }
            return;
        }
        markup[0] = true;
        boolean block = BLOCK.contains(out) || "div".equals(out);
        if (block) {
            plain.lineBreak();
        }
        if ("li".equals(out)) {
            plain.raw("- ");
        }
        x.start(out);
        attributes(e, name, out, x);
        if ("br".equals(out)) {
            x.end();
            plain.raw("\n");
            return;
        }
        if ("img".equals(out)) {
            x.end();
            String alt = e.attr("alt");
            plain.text(!alt.isEmpty() ? alt : safeUri(e.attr("src"), true), false);
            return;
        }
        int mark = plain.length();
        for (Node c : e.childNodes()) {
            render(c, x, plain, depth + 1, maxDepth, pre || "pre".equals(out), markup);
        }
        x.end();
        if ("a".equals(out)) {
            String href = safeUri(e.attr("href"), false);
            if (!href.isEmpty() && !plain.since(mark).trim().equals(href)) {
                plain.raw(" <" + href + ">");
            }
        } else if ("td".equals(name) || "th".equals(name)) {
            plain.raw(" ");
        }
        if (block) {
            plain.lineBreak();
        }
    }

    private static void attributes(Element e, String in, String out, XmlWriter x) {
        if ("br".equals(out)) {
            return;
        }
        if ("a".equals(out)) {
            String href = safeUri(e.attr("href"), false);
            if (!href.isEmpty()) {
                x.attribute("href", href);
            }
        }
        if ("img".equals(out)) {
            String src = safeUri(e.attr("src"), true);
            if (!src.isEmpty()) {
                x.attribute("src", src);
            }
            x.attribute("alt", e.attr("alt"));
            for (String dim : new String[] {"width", "height"}) {
                String v = e.attr(dim).trim();
                if (!v.isEmpty() && v.length() < 6 && v.chars().allMatch(Character::isDigit)) {
                    x.attribute(dim, v);
                }
            }
        }
        StringBuilder implied = new StringBuilder();
        String fixed = IMPLIED_STYLE.get(in);
        if (fixed != null) {
            implied.append(fixed);
        }
        if ("font".equals(in)) {
            appendDeclaration(implied, "color", e.attr("color"));
            appendDeclaration(implied, "font-family", e.attr("face"));
        }
        String style = style(e.attr("style"), implied.length() == 0 ? null : implied.toString());
        if (!style.isEmpty()) {
            x.attribute("style", style);
        }
    }

    /** The declarations of {@code css} whose property XEP-0071 §8 recommends and whose value is inert. */
    static String style(String css, String implied) {
        StringBuilder sb = new StringBuilder();
        if (implied != null) {
            sb.append(implied);
        }
        if (css != null && !css.isBlank()) {
            for (String decl : css.split(";")) {
                int colon = decl.indexOf(':');
                if (colon > 0) {
                    appendDeclaration(sb, decl.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            decl.substring(colon + 1));
                }
            }
        }
        return sb.toString();
    }

    private static void appendDeclaration(StringBuilder sb, String property, String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty() || !CSS.contains(property) || !inertCssValue(v)) {
            return;
        }
        if (sb.length() > 0) {
            sb.append("; ");
        }
        sb.append(property).append(": ").append(v);
    }

    /** Colours, lengths, keywords, quoted font names and rgb(): no url(), expression(), escapes or markup. */
    private static boolean inertCssValue(String v) {
        if (v.length() > 100) {
            return false;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        boolean function = lower.startsWith("rgb(") || lower.startsWith("rgba(");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean ok = c < 0x80 && (Character.isLetterOrDigit(c) || " #%.,-'\"!".indexOf(c) >= 0)
                    || function && (c == '(' || c == ')');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code uri} if its scheme is allowed for a link (or, with {@code image}, an image), else "". */
    static String safeUri(String uri, boolean image) {
        String u = uri == null ? "" : uri.trim();
        int colon = u.indexOf(':');
        if (colon <= 0) {
            return "";
        }
        String scheme = u.substring(0, colon).toLowerCase(Locale.ROOT);
        boolean ok = image ? scheme.equals("http") || scheme.equals("https") : LINK_SCHEMES.contains(scheme);
        if (!ok) {
            return "";
        }
        for (int i = 0; i < u.length(); i++) {
            if (u.charAt(i) <= ' ') {
                return "";
            }
        }
        return u;
    }

    /** Plain-text rendering: collapsed whitespace outside pre, single line breaks between blocks. */
    private static final class Plain {
        private final StringBuilder sb;

        Plain(int capacity) {
            sb = new StringBuilder(capacity);
        }

        void text(String s, boolean pre) {
            if (pre) {
                sb.append(s);
                return;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                    int n = sb.length();
                    if (n > 0 && sb.charAt(n - 1) != ' ' && sb.charAt(n - 1) != '\n') {
                        sb.append(' ');
                    }
                } else {
                    sb.append(c);
                }
            }
        }

        void raw(String s) {
            sb.append(s);
        }

        void lineBreak() {
            int n = sb.length();
            while (n > 0 && sb.charAt(n - 1) == ' ') {
                sb.setLength(--n);
            }
            if (n > 0 && sb.charAt(n - 1) != '\n') {
                sb.append('\n');
            }
        }

        int length() {
            return sb.length();
        }

        String since(int mark) {
            return sb.substring(mark);
        }

        @Override
        public String toString() {
            return sb.toString().strip();
        }
    }
}

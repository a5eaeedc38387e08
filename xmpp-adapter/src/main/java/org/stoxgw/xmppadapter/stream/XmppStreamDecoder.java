package org.stoxgw.xmppadapter.stream;

import com.fasterxml.aalto.AsyncByteBufferFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * Turns the bytes of one XMPP stream into {@link StreamEvent}s with Aalto's non-blocking parser:
 * the stream header, each complete first-level element re-serialised as a standalone string
 * (never sliced by byte offsets, which Aalto reports wrongly across chunks: libraries.md §2), and
 * the stream end.
 *
 * <p>Hardening (RFC 6120 §11.1): a DTD, comment, processing instruction or entity reference ends
 * the stream with {@code restricted-xml}; malformed XML with {@code not-well-formed}; bytes that are
 * not UTF-8 with {@code unsupported-encoding}; a stanza over {@link StreamLimits#maxStanzaBytes},
 * nesting deeper than {@link StreamLimits#maxDepth} or too many attributes with
 * {@code policy-violation}. After a {@link StreamFault} the decoder discards all further input.
 *
 * <p>{@link #restart()} starts a fresh parser for the stream restart after STARTTLS and SASL
 * (RFC 6120 §5.4.3.3, §6.4.6). Threading: the channel's event loop only. Each input buffer is
 * drained completely before it is released, so Aalto never holds a released buffer.
 */
public final class XmppStreamDecoder extends ChannelInboundHandlerAdapter {
    private static final AsyncXMLInputFactory FACTORY = newFactory();

    private final StreamLimits limits;
    private final StringBuilder out = new StringBuilder(1024);
    private final ArrayDeque<TreeNode> tree = new ArrayDeque<>();
    private final Map<String, String> rootPrefixes = new HashMap<>(4);
    private final List<String> redeclared = new ArrayList<>(4);
    private final Utf8Validator utf8 = new Utf8Validator();
    private final byte[] carry = new byte[3];
    private int carried;
    private AsyncXMLStreamReader<AsyncByteBufferFeeder> reader;
    private int generation;
    private int depth;
    private boolean failed;
    private boolean startTagOpen;
    private boolean prologLt;
    private boolean prologDone;
    private long pendingBytes;
    private String contentNamespace = "";
    private String frameName;
    private String frameNs;
    private boolean frameStanza;
    private String frameTo;
    private String frameFrom;
    private String frameType;
    private String frameId;
    /** Parse events of the stanza being read (P-07), null for negotiation elements. */
    private StanzaEvents events;

    public XmppStreamDecoder(StreamLimits limits) {
        this.limits = limits;
        this.reader = FACTORY.createAsyncForByteBuffer();
    }

    private static AsyncXMLInputFactory newFactory() {
        AsyncXMLInputFactory f = new InputFactoryImpl();
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
        return f;
    }

    /** Discards the parser state and expects a new stream header (stream restart). */
    public void restart() {
        reader = FACTORY.createAsyncForByteBuffer();
        generation++;
        utf8.reset();
        carried = 0;
        depth = 0;
        startTagOpen = false;
        prologLt = false;
        prologDone = false;
        pendingBytes = 0;
        out.setLength(0);
        tree.clear();
        rootPrefixes.clear();
        contentNamespace = "";
        events = null;
    }

    /** Whether a fault has ended this stream's input. */
    public boolean failed() {
        return failed;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (buf.nioBufferCount() == 1) {
                feed(ctx, buf.nioBuffer());
            } else {
                for (ByteBuffer b : buf.nioBuffers()) {
                    feed(ctx, b);
                }
            }
        } finally {
            buf.release();
        }
    }

    private void feed(ChannelHandlerContext ctx, ByteBuffer bytes) {
        if (failed || !bytes.hasRemaining()) {
            return;
        }
        if (!prologDone && prologHasMarkupDeclaration(bytes)) {
            fault(ctx, StreamErrorCondition.RESTRICTED_XML, "a DTD or comment is not allowed in XMPP (RFC 6120 §11.1)");
            return;
        }
        int bad = utf8.firstInvalid(bytes);
        int held = bad < 0 ? utf8.partial() : 0;
        ByteBuffer in = bytes;
        if (carried > 0) {
            in = ByteBuffer.allocate(carried + bytes.remaining()).put(carry, 0, carried).put(bytes.duplicate()).flip();
            bad = bad < 0 ? -1 : bad - bytes.position() + carried;
            carried = 0;
        }
        if (bad >= 0) {
            // what came before the bad byte is processed as usual, then the stream ends
            in.limit(bad);
            parse(ctx, in);
            fault(ctx, StreamErrorCondition.UNSUPPORTED_ENCODING, "bytes that are not UTF-8 (RFC 3629, RFC 6120 §11.6)");
            return;
        }
        if (held > 0) {
            // Aalto drops a 4-byte character split across reads inside an attribute value (fuzz
            // finding, issue 9): the start of an unfinished character waits for the next read
            in.get(in.limit() - held, carry, 0, held);
            carried = held;
            in.limit(in.limit() - held);
        }
        parse(ctx, in);
    }

    private void parse(ChannelHandlerContext ctx, ByteBuffer bytes) {
        if (failed || !bytes.hasRemaining()) {
            return;
        }
        int gen = generation;
        AsyncXMLStreamReader<AsyncByteBufferFeeder> r = reader;
        try {
            pendingBytes += bytes.remaining();
            r.getInputFeeder().feedInput(bytes);
            while (!failed && gen == generation) {
                int event = r.next();
                if (event == AsyncXMLStreamReader.EVENT_INCOMPLETE) {
                    if (pendingBytes > limits.maxStanzaBytes()) {
                        fault(ctx, StreamErrorCondition.POLICY_VIOLATION,
                                "element larger than " + limits.maxStanzaBytes() + " bytes");
                    }
                    return;
                }
                pendingBytes = 0;
                handle(ctx, r, event);
            }
        } catch (XMLStreamException | RuntimeException e) {
            if (!failed && gen == generation) {
                fault(ctx, ReaderChecks.classify(e), ReaderChecks.describe(e));
            }
        }
    }

    /**
     * Before the stream header, "<!" can only open a DOCTYPE or a comment. Aalto's async parser
     * rejects a DOCTYPE with a generic syntax error, so it is recognised here to answer with the
     * right condition. Only the bytes before the root element are scanned.
     */
    private boolean prologHasMarkupDeclaration(ByteBuffer bytes) {
        for (int i = bytes.position(); i < bytes.limit() && !prologDone; i++) {
            byte b = bytes.get(i);
            if (prologLt) {
                if (b == '!') {
                    return true;
                }
                // "<?" is the XML declaration (or a PI, which Aalto reports); anything else opens the root.
                prologDone = b != '?';
            }
            prologLt = b == '<';
        }
        return false;
    }

    private void handle(ChannelHandlerContext ctx, AsyncXMLStreamReader<?> r, int event) throws XMLStreamException {
        switch (event) {
            case XMLStreamConstants.START_DOCUMENT -> {
                String enc = r.getCharacterEncodingScheme();
                if (enc != null && !enc.equalsIgnoreCase("UTF-8")) {
                    fault(ctx, StreamErrorCondition.UNSUPPORTED_ENCODING, "only UTF-8 is allowed (RFC 6120 §11.6)");
                }
            }
            case XMLStreamConstants.START_ELEMENT -> startElement(ctx, r);
            case XMLStreamConstants.END_ELEMENT -> endElement(ctx, r);
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text(ctx, r);
            case XMLStreamConstants.END_DOCUMENT -> { }
            default -> fault(ctx, StreamErrorCondition.RESTRICTED_XML,
                    ReaderChecks.eventName(event) + " is not allowed in XMPP (RFC 6120 §11.1)");
        }
    }

    private void startElement(ChannelHandlerContext ctx, AsyncXMLStreamReader<?> r) {
        depth++;
        if (depth > limits.maxDepth()) {
            fault(ctx, StreamErrorCondition.POLICY_VIOLATION, "elements nested deeper than " + limits.maxDepth());
            return;
        }
        if (r.getAttributeCount() > limits.maxAttributes()) {
            fault(ctx, StreamErrorCondition.POLICY_VIOLATION, "more than " + limits.maxAttributes() + " attributes");
            return;
        }
        if (!ReaderChecks.namesWellFormed(r)) {
            fault(ctx, StreamErrorCondition.NOT_WELL_FORMED, "a name does not start with a name character (XML 1.0 §2.3)");
            return;
        }
        if (depth == 1) {
            streamHeader(ctx, r);
            return;
        }
        closeStartTag();
        String name = r.getLocalName();
        String ns = nonNull(r.getNamespaceURI());
        if (depth == 2) {
            frameName = name;
            frameNs = ns;
            frameStanza = ns.equals(contentNamespace) && isContentNamespace(ns)
                    && (name.equals("message") || name.equals("presence") || name.equals("iq"));
            frameTo = ReaderChecks.plainAttribute(r, "to");
            frameFrom = ReaderChecks.plainAttribute(r, "from");
            frameType = ReaderChecks.plainAttribute(r, "type");
            frameId = ReaderChecks.plainAttribute(r, "id");
            out.setLength(0);
            tree.clear();
            events = frameStanza ? new StanzaEvents() : null;
        }
        if (events != null) {
            events.start(name, r.getPrefix(), forSmack(ns));
        }
        writeStartTag(r, name);
        if (!frameStanza) {
            tree.push(new TreeNode(name, ns, r));
        }
        checkFrameSize(ctx);
    }

    private void writeStartTag(AsyncXMLStreamReader<?> r, String name) {
        redeclared.clear();
        out.append('<');
        String prefix = r.getPrefix();
        boolean prefixed = prefix != null && !prefix.isEmpty();
        if (prefixed) {
            out.append(prefix).append(':');
        }
        out.append(name);
        boolean ownDefault = false;
        int nsCount = r.getNamespaceCount();
        for (int i = 0; i < nsCount; i++) {
            String p = r.getNamespacePrefix(i);
            String uri = nonNull(r.getNamespaceURI(i));
            if (p == null || p.isEmpty()) {
                ownDefault = true;
                // Smack only knows the stanza model in jabber:client (libraries.md §1, trap 1).
                declare(null, depth == 2 && frameStanza && uri.equals(contentNamespace) ? Namespaces.CLIENT : uri);
            } else {
                declare(p, uri);
            }
        }
        if (depth == 2 && !ownDefault) {
            String inherited = nonNull(r.getNamespaceContext().getNamespaceURI(XMLConstants.DEFAULT_NS_PREFIX));
            declare(null, frameStanza && inherited.equals(contentNamespace) ? Namespaces.CLIENT : inherited);
        }
        if (prefixed) {
            redeclareRootPrefix(r, prefix, nonNull(r.getNamespaceURI()));
        }
        int attrs = r.getAttributeCount();
        for (int i = 0; i < attrs; i++) {
            String ap = r.getAttributePrefix(i);
            if (ap != null && !ap.isEmpty() && !ap.equals("xml")) {
                redeclareRootPrefix(r, ap, nonNull(r.getAttributeNamespace(i)));
            }
        }
        for (int i = 0; i < attrs; i++) {
            out.append(' ');
            String ap = r.getAttributePrefix(i);
            if (ap != null && !ap.isEmpty()) {
                out.append(ap).append(':');
            }
            String local = r.getAttributeLocalName(i);
            String value = r.getAttributeValue(i);
            out.append(local).append("='");
            Xml.escape(out, value).append('\'');
            if (events != null) {
                events.attribute(ap, local, forSmack(nonNull(r.getAttributeNamespace(i))), value);
            }
        }
        startTagOpen = true;
    }

    /** A prefix bound on the stream root is declared again, so that the frame stands alone. */
    private void redeclareRootPrefix(AsyncXMLStreamReader<?> r, String prefix, String uri) {
        if (uri.equals(rootPrefixes.get(prefix)) && !redeclared.contains(prefix)) {
            int nsCount = r.getNamespaceCount();
            for (int i = 0; i < nsCount; i++) {
                if (prefix.equals(r.getNamespacePrefix(i))) {
                    return;
                }
            }
            redeclared.add(prefix);
            declare(prefix, uri);
        }
    }

    private void declare(String prefix, String uri) {
        if (events != null) {
            events.declare(prefix, uri);
        }
        out.append(prefix == null ? " xmlns='" : " xmlns:").append(prefix == null ? "" : prefix);
        if (prefix != null) {
            out.append("='");
        }
        Xml.escape(out, uri).append('\'');
    }

    private void streamHeader(ChannelHandlerContext ctx, AsyncXMLStreamReader<?> r) {
        boolean db = false;
        int nsCount = r.getNamespaceCount();
        for (int i = 0; i < nsCount; i++) {
            String p = r.getNamespacePrefix(i);
            String uri = nonNull(r.getNamespaceURI(i));
            if (p == null || p.isEmpty()) {
                contentNamespace = uri;
            } else {
                rootPrefixes.put(p, uri);
                db |= uri.equals(Namespaces.DIALBACK);
            }
        }
        ctx.fireChannelRead(new StreamOpen(nonNull(r.getNamespaceURI()), r.getLocalName(), contentNamespace, db,
                ReaderChecks.plainAttribute(r, "to"), ReaderChecks.plainAttribute(r, "from"), ReaderChecks.plainAttribute(r, "id"), ReaderChecks.plainAttribute(r, "version")));
    }

    private void endElement(ChannelHandlerContext ctx, AsyncXMLStreamReader<?> r) {
        int d = depth--;
        if (d == 1) {
            ctx.fireChannelRead(StreamEnd.INSTANCE);
            return;
        }
        if (startTagOpen) {
            out.append("/>");
            startTagOpen = false;
        } else {
            out.append("</");
            String prefix = r.getPrefix();
            if (prefix != null && !prefix.isEmpty()) {
                out.append(prefix).append(':');
            }
            out.append(r.getLocalName()).append('>');
        }
        if (events != null) {
            events.end();
        }
        XmlElement element = null;
        if (!frameStanza) {
            TreeNode done = tree.pop();
            element = done.build();
            if (!tree.isEmpty()) {
                tree.peek().children.add(element);
            }
        }
        if (d == 2) {
            String xml = out.toString();
            out.setLength(0);
            StanzaEvents e = events;
            events = null;
            ctx.fireChannelRead(new XmlFrame(frameName, frameNs, frameStanza, xml, frameTo, frameFrom, frameType,
                    frameId, element, e));
        } else {
            checkFrameSize(ctx);
        }
    }

    private void text(ChannelHandlerContext ctx, AsyncXMLStreamReader<?> r) {
        char[] chars = r.getTextCharacters();
        int start = r.getTextStart();
        int len = r.getTextLength();
        if (depth < 2) {
            for (int i = start; i < start + len; i++) {
                char c = chars[i];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    fault(ctx, StreamErrorCondition.BAD_FORMAT, "character data outside of a stanza");
                    return;
                }
            }
            return; // whitespace keepalive (RFC 6120 §4.6.1)
        }
        closeStartTag();
        Xml.escape(out, chars, start, len);
        if (events != null) {
            events.text(chars, start, len);
        }
        if (!frameStanza) {
            tree.peek().text.append(chars, start, len);
        }
        checkFrameSize(ctx);
    }

    private void closeStartTag() {
        if (startTagOpen) {
            out.append('>');
            startTagOpen = false;
        }
    }

    private void checkFrameSize(ChannelHandlerContext ctx) {
        if (out.length() > limits.maxStanzaBytes()) {
            fault(ctx, StreamErrorCondition.POLICY_VIOLATION, "stanza larger than " + limits.maxStanzaBytes() + " bytes");
        }
    }

    private void fault(ChannelHandlerContext ctx, StreamErrorCondition condition, String text) {
        if (failed) {
            return;
        }
        failed = true;
        out.setLength(0);
        out.trimToSize();
        tree.clear();
        events = null;
        ctx.fireChannelRead(new StreamFault(condition, text));
    }

    /** The namespace as Smack sees it: the stream's content namespace reads as jabber:client (trap 1). */
    private String forSmack(String ns) {
        return ns.equals(contentNamespace) && isContentNamespace(ns) ? Namespaces.CLIENT : ns;
    }

    private static boolean isContentNamespace(String ns) {
        return ns.equals(Namespaces.SERVER) || ns.equals(Namespaces.CLIENT) || ns.equals(Namespaces.COMPONENT);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** A negotiation element under construction. */
    private static final class TreeNode {
        final String name;
        final String ns;
        final Map<String, String> attributes;
        final List<XmlElement> children = new ArrayList<>(2);
        final StringBuilder text = new StringBuilder();

        TreeNode(String name, String ns, AsyncXMLStreamReader<?> r) {
            this.name = name;
            this.ns = ns;
            int n = r.getAttributeCount();
            this.attributes = new HashMap<>(n * 2);
            // unqualified attributes first, so a namespaced one never shadows them
            for (int i = 0; i < n; i++) {
                String ans = r.getAttributeNamespace(i);
                if (ans == null || ans.isEmpty()) {
                    attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                }
            }
            for (int i = 0; i < n; i++) {
                attributes.putIfAbsent(r.getAttributeLocalName(i), r.getAttributeValue(i));
            }
        }

        XmlElement build() {
            return new XmlElement(name, ns, attributes, children, text.toString());
        }
    }
}

package org.stoxgw.core.fuzz;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jivesoftware.smack.packet.Stanza;
import org.stoxgw.xmppadapter.stanza.Jids;
import org.stoxgw.xmppadapter.stanza.StanzaCodec;
import org.stoxgw.xmppadapter.stream.StreamErrorCondition;
import org.stoxgw.xmppadapter.stream.StreamFault;
import org.stoxgw.xmppadapter.stream.StreamLimits;
import org.stoxgw.xmppadapter.stream.XmlFrame;
import org.stoxgw.xmppadapter.stream.XmppStreamDecoder;

/**
 * The XMPP entry path as one function for fuzzing: the bytes of one S2S stream through the
 * adapter's framing ({@link XmppStreamDecoder} on a Netty embedded channel), each stanza through
 * Smack ({@link StanzaCodec}) and then through mapping as the core uses it ({@link XmppMappingChecks}).
 * Invariants:
 * <ul>
 *   <li>the decoder never throws and ends bad input with a stream error (a {@link StreamFault});</li>
 *   <li>it yields the same frames however TCP splits the bytes (whole, or in chunks derived from the
 *       input), up to the first stream error of either run;</li>
 *   <li>every frame it emits (in either run) is well-formed standalone XML;</li>
 *   <li>a stanza Smack accepts has the 'from' and 'to' domains the stream checked: otherwise a
 *       peer authenticated for one domain could make the core see another (spoofing).</li>
 * </ul>
 * Input not starting with a stream header or XML declaration gets a fixed header first, so most
 * runs exercise stanzas. Limits are small so that their paths are reached by small inputs.
 * Stateless apart from immutable settings; thread-safe.
 */
final class XmppEntryPath {
    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:server' "
            + "xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' "
            + "from='remote.example' to='gw.example.test' version='1.0'>";
    private static final StreamLimits LIMITS = new StreamLimits(4096, 16, 16);
    private static final XMLInputFactory STAX = XMLInputFactory.newDefaultFactory();
    private static final XmppMappingChecks MAPPING = new XmppMappingChecks();

    static {
        STAX.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        STAX.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        StanzaCodec.initialise();
    }

    private XmppEntryPath() {
    }

    static void run(byte[] input) {
        byte[] stream = input;
        if (!startsWith(input, "<?xml") && !startsWith(input, "<stream")) {
            byte[] h = HEADER.getBytes(StandardCharsets.UTF_8);
            stream = Arrays.copyOf(h, h.length + input.length);
            System.arraycopy(input, 0, stream, h.length, input.length);
        }
        List<Object> whole = decode(stream, stream.length);
        int chunk = 1 + (Arrays.hashCode(input) & 0x7fffffff) % 17;
        List<Object> split = decode(stream, chunk);
        sameEvents(whole, split);
        List<Object> all = new ArrayList<>(whole);
        all.addAll(split.subList(Math.min(beforeFault(whole), split.size()), split.size()));
        for (Object e : all) {
            if (e instanceof XmlFrame f) {
                wellFormed(f.xml());
                if (f.stanza()) {
                    stanza(f);
                }
            }
        }
    }

    private static boolean startsWith(byte[] b, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        return b.length >= p.length && Arrays.equals(b, 0, p.length, p, 0, p.length);
    }

    /** Feeds {@code bytes} in pieces of {@code chunk}; the events, with no exception and no leaked buffer. */
    private static List<Object> decode(byte[] bytes, int chunk) {
        EmbeddedChannel ch = new EmbeddedChannel(new XmppStreamDecoder(LIMITS));
        for (int i = 0; i < bytes.length; i += chunk) {
            ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk))));
        }
        ch.checkException(); // an exception in the decoder would reach Netty's pipeline, not a stream error
        List<Object> out = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            out.add(o);
        }
        ch.finishAndReleaseAll();
        return out;
    }

    /**
     * The same frames up to the first stream error of either run. The error itself may come at a
     * different point: a single token over the size limit is noticed while it grows, and Aalto's
     * incremental parser notices some errors (e.g. "]]>" in text split across reads) only when the
     * offending characters arrive in one piece; whatever it then accepts is re-serialised
     * well-formed (checked for both runs).
     */
    private static void sameEvents(List<Object> whole, List<Object> split) {
        int end = Math.min(beforeFault(whole), beforeFault(split));
        if (!whole.subList(0, end).equals(split.subList(0, end))) {
            throw new AssertionError("events depend on how TCP splits the bytes:\n whole: " + whole + "\n split: " + split);
        }
    }

    private static int beforeFault(List<Object> events) {
        for (int k = 0; k < events.size(); k++) {
            if (events.get(k) instanceof StreamFault) {
                return k;
            }
        }
        return events.size();
    }

    private static void wellFormed(String xml) {
        try {
            XMLStreamReader r = STAX.createXMLStreamReader(new StringReader(xml));
            while (r.hasNext()) {
                r.next();
            }
            r.close();
        } catch (XMLStreamException e) {
            throw new AssertionError("the decoder emitted XML that is not well-formed: " + xml, e);
        }
    }

    private static void stanza(XmlFrame f) {
        Stanza s;
        try {
            s = StanzaCodec.parse(f.xml());
        } catch (StanzaCodec.StanzaParseException e) {
            return; // answered with bad-request by the adapter
        }
        sameDomain("from", f.from(), s.getFrom());
        sameDomain("to", f.to(), s.getTo());
        MAPPING.check(s);
    }

    private static void sameDomain(String attribute, String checked, Object parsed) {
        String streamView = checked == null ? null : Jids.domainOf(checked);
        String coreView = parsed == null ? null : Jids.domainOf(parsed.toString());
        if (streamView != null && !Objects.equals(streamView, coreView)) {
            throw new AssertionError("'" + attribute + "' checked by the stream as " + streamView
                    + " but the core would see " + parsed);
        }
    }
}

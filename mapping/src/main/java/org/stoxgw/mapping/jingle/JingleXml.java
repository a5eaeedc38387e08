package org.stoxgw.mapping.jingle;

import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.XmlElement;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.stoxgw.mapping.media.Bandwidth;
import org.stoxgw.mapping.media.Candidate;
import org.stoxgw.mapping.media.Codec;
import org.stoxgw.mapping.media.Crypto;
import org.stoxgw.mapping.media.Fingerprint;
import org.stoxgw.mapping.media.HeaderExtension;
import org.stoxgw.mapping.media.Parameter;
import org.stoxgw.mapping.media.Role;
import org.stoxgw.mapping.media.RtcpFeedback;
import org.stoxgw.mapping.media.Senders;
import org.stoxgw.mapping.media.Source;
import org.stoxgw.mapping.media.SourceGroup;

/**
 * Reads the typed Jingle elements from the element tree Smack's {@code StandardExtensionElementProvider}
 * built (one generic XML walk, then plain Java). Strict about what XEP-0166/0167/0176/0177/0320 make
 * REQUIRED (content {@code creator}/{@code name} JNG-08, payload-type {@code id} and a name for dynamic
 * types RTP-02, candidate attributes RAW-01, sid JNG-07), with limits on counts; a violation is a
 * {@link SmackParsingException} naming it, which the adapter answers {@code <bad-request/>} (JNG-02).
 * Unknown children of {@code <description/>}/{@code <transport/>} are skipped (future XEPs); the draft's
 * namespace typos are read as the XEP namespaces (AMB-V01). Pure.
 */
final class JingleXml {
    static final int MAX_CONTENTS = 16;
    static final int MAX_ITEMS = 128;

    private JingleXml() {
    }

    static JingleIq jingle(StandardExtensionElement j, IqData iqData) throws SmackParsingException {
        try {
            String action = required(j, "action");
            String sid = required(j, "sid");
            List<JingleContent> contents = new ArrayList<>();
            List<JingleGroup> groups = new ArrayList<>();
            List<XmlElement> payloads = new ArrayList<>();
            JingleReason reason = null;
            for (StandardExtensionElement c : JingleXml.children(j)) {
                String ns = c.getNamespace();
                if (JingleNamespaces.JINGLE.equals(ns) && c.getElementName().equals("content")) {
                    check(contents.size() < MAX_CONTENTS, "more than " + MAX_CONTENTS + " contents");
                    contents.add(content(c));
                } else if (JingleNamespaces.JINGLE.equals(ns) && c.getElementName().equals("reason")) {
                    reason = reason(c);
                } else if (JingleNamespaces.GROUPING.equals(ns) && c.getElementName().equals("group")) {
                    List<String> names = new ArrayList<>();
                    for (StandardExtensionElement n : JingleXml.children(c, "content")) {
                        names.add(required(n, "name"));
                    }
                    groups.add(new JingleGroup(required(c, "semantics"), names));
                } else if (JingleNamespaces.RTP_INFO.equals(ns) && RtpInfo.Kind.fromXml(c.getElementName()) != null) {
                    payloads.add(new RtpInfo(RtpInfo.Kind.fromXml(c.getElementName()), c.getAttributeValue("creator"),
                            c.getAttributeValue("name")));
                } else {
                    check(payloads.size() < MAX_CONTENTS, "too many session-info payloads");
                    payloads.add(c);
                }
            }
            return new JingleIq(iqData, action, sid, j.getAttributeValue("initiator"), j.getAttributeValue("responder"),
                    contents, groups, payloads, reason);
        } catch (IllegalArgumentException e) {
            throw new SmackParsingException("malformed Jingle: " + e.getMessage());
        }
    }

    static JingleReason reason(StandardExtensionElement r) {
        JingleReason.Condition condition = null;
        String text = null;
        String alt = null;
        String rtpError = null;
        for (StandardExtensionElement c : JingleXml.children(r)) {
            if (JingleNamespaces.JINGLE.equals(c.getNamespace())) {
                if (c.getElementName().equals("text")) {
                    text = c.getText();
                } else if (JingleReason.Condition.fromXml(c.getElementName()) != null) {
                    condition = JingleReason.Condition.fromXml(c.getElementName());
                    StandardExtensionElement sid = c.getFirstElement("sid");
                    alt = sid == null ? null : sid.getText();
                }
            } else if (JingleNamespaces.RTP_ERRORS.equals(c.getNamespace())) {
                rtpError = c.getElementName();
            }
        }
        // a reason naming no XEP-0166 condition is read as general-error rather than refused: the session ends either way
        return new JingleReason(condition == null ? JingleReason.Condition.GENERAL_ERROR : condition, text, alt, rtpError);
    }

    private static JingleContent content(StandardExtensionElement c) {
        Role creator = Role.fromXml(required(c, "creator"));
        check(creator != null, "content creator must be initiator or responder");
        String sendersXml = c.getAttributeValue("senders");
        Senders senders = sendersXml == null ? null : Senders.fromXml(sendersXml);
        check(sendersXml == null || senders != null, "unknown senders " + sendersXml);
        XmlElement description = null;
        XmlElement transport = null;
        for (StandardExtensionElement e : JingleXml.children(c)) {
            String ns = e.getNamespace();
            if (e.getElementName().equals("description")) {
                description = JingleNamespaces.RTP.equals(ns) || JingleNamespaces.RTP_TYPO.equals(ns) ? description(e) : e;
            } else if (e.getElementName().equals("transport")) {
                if (JingleNamespaces.ICE_UDP.equals(ns)) {
                    transport = ice(e);
                } else if (JingleNamespaces.RAW_UDP.equals(ns) || JingleNamespaces.RAW_UDP_TYPO.equals(ns)) {
                    transport = raw(e);
                } else {
                    transport = e;
                }
            }
        }
        return new JingleContent(creator, required(c, "name"), senders, c.getAttributeValue("disposition"), description,
                transport);
    }

    static RtpDescription description(StandardExtensionElement d) {
        String ssrc = d.getAttributeValue("ssrc");
        List<Codec> codecs = new ArrayList<>();
        List<RtcpFeedback> feedback = new ArrayList<>();
        List<HeaderExtension> hdrexts = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        List<SourceGroup> groups = new ArrayList<>();
        List<Bandwidth> bandwidths = new ArrayList<>();
        List<Crypto> cryptos = new ArrayList<>();
        boolean mixed = false;
        boolean mux = false;
        boolean encryption = false;
        boolean required = false;
        for (StandardExtensionElement e : JingleXml.children(d)) {
            check(codecs.size() + hdrexts.size() + sources.size() < MAX_ITEMS, "description too long");
            String ns = e.getNamespace();
            switch (e.getElementName()) {
                case "payload-type" -> codecs.add(payloadType(e));
                case "rtcp-fb" -> feedback.add(feedback(e));
                case "rtp-hdrext" -> hdrexts.add(hdrext(e));
                case "extmap-allow-mixed" -> mixed = true;
                case "source" -> sources.add(source(e));
                case "ssrc-group" -> {
                    List<Long> ids = new ArrayList<>();
                    for (StandardExtensionElement s : JingleXml.children(e, "source")) {
                        ids.add(unsigned32(required(s, "ssrc")));
                    }
                    groups.add(new SourceGroup(required(e, "semantics"), ids));
                }
                case "bandwidth" -> bandwidths.add(new Bandwidth(required(e, "type"), number(text(e), "bandwidth")));
                case "rtcp-mux" -> mux = true;
                case "encryption" -> {
                    encryption = true;
                    String r = e.getAttributeValue("required");
                    required = "1".equals(r) || "true".equals(r);
                    for (StandardExtensionElement k : JingleXml.children(e, "crypto")) {
                        cryptos.add(new Crypto((int) number(required(k, "tag"), "tag"), required(k, "crypto-suite"),
                                required(k, "key-params"), k.getAttributeValue("session-params")));
                    }
                }
                default -> {
                    // an extension of the description this gateway does not map (e.g. XEP-0293 rtcp-fb-trr-int)
                }
            }
        }
        return new RtpDescription(required(d, "media"), ssrc == null ? null : unsigned32(ssrc), codecs, feedback, hdrexts,
                mixed, sources, groups, bandwidths, mux, encryption, required, cryptos);
    }

    private static Codec payloadType(StandardExtensionElement e) {
        int id = (int) number(required(e, "id"), "payload-type id");
        String name = e.getAttributeValue("name");
        List<Parameter> params = new ArrayList<>();
        List<RtcpFeedback> fbs = new ArrayList<>();
        for (StandardExtensionElement p : JingleXml.children(e)) {
            if (p.getElementName().equals("parameter")) {
                params.add(new Parameter(nullToEmpty(p.getAttributeValue("name")), nullToEmpty(p.getAttributeValue("value"))));
            } else if (p.getElementName().equals("rtcp-fb")) {
                fbs.add(feedback(p));
            }
        }
        return new Codec(id, nullToEmpty(name), (int) optNumber(e, "clockrate", 0), (int) optNumber(e, "channels", 1),
                (int) optNumber(e, "ptime", 0), (int) optNumber(e, "maxptime", 0), params, fbs);
    }

    private static RtcpFeedback feedback(StandardExtensionElement e) {
        return new RtcpFeedback(required(e, "type"), e.getAttributeValue("subtype"));
    }

    private static HeaderExtension hdrext(StandardExtensionElement e) {
        String s = e.getAttributeValue("senders");
        Senders senders = Senders.fromXml(s);
        check(senders != null, "unknown rtp-hdrext senders " + s);
        StringBuilder attrs = new StringBuilder();
        for (StandardExtensionElement p : JingleXml.children(e, "parameter")) {
            if (attrs.length() > 0) {
                attrs.append(' ');
            }
            attrs.append(nullToEmpty(p.getAttributeValue("name")));
        }
        return new HeaderExtension((int) number(required(e, "id"), "rtp-hdrext id"), required(e, "uri"), senders,
                attrs.toString());
    }

    private static Source source(StandardExtensionElement e) {
        List<Parameter> ps = new ArrayList<>();
        for (StandardExtensionElement p : JingleXml.children(e, "parameter")) {
            ps.add(new Parameter(required(p, "name"), nullToEmpty(p.getAttributeValue("value"))));
        }
        return new Source(unsigned32(required(e, "ssrc")), ps);
    }

    private static IceUdpTransport ice(StandardExtensionElement t) {
        List<Candidate> cs = new ArrayList<>();
        List<Fingerprint> fps = new ArrayList<>();
        for (StandardExtensionElement c : JingleXml.children(t)) {
            check(cs.size() < MAX_ITEMS, "too many candidates");
            if (c.getElementName().equals("candidate")) {
                String network = c.getAttributeValue("network");
                String relAddr = c.getAttributeValue("rel-addr");
                cs.add(new Candidate(required(c, "foundation"), (int) number(required(c, "component"), "component"),
                        required(c, "protocol"), number(required(c, "priority"), "priority"), required(c, "ip"),
                        (int) number(required(c, "port"), "port"), required(c, "type"), relAddr,
                        relAddr == null ? 0 : (int) optNumber(c, "rel-port", 0), (int) number(required(c, "generation"), "generation"),
                        c.getAttributeValue("id"), network == null ? null : (int) number(network, "network"), null));
            } else if (c.getElementName().equals("fingerprint") && JingleNamespaces.DTLS.equals(c.getNamespace())) {
                fps.add(fingerprint(c));
            }
        }
        return new IceUdpTransport(t.getAttributeValue("ufrag"), t.getAttributeValue("pwd"), cs, fps);
    }

    static Fingerprint fingerprint(StandardExtensionElement f) {
        String setup = f.getAttributeValue("setup");
        Fingerprint.Setup s = Fingerprint.Setup.fromToken(setup);
        check(setup == null || s != null, "unknown fingerprint setup " + setup);
        return new Fingerprint(required(f, "hash"), text(f), s);
    }

    private static RawUdpTransport raw(StandardExtensionElement t) {
        List<Candidate> cs = new ArrayList<>();
        for (StandardExtensionElement c : JingleXml.children(t, "candidate")) {
            check(cs.size() < MAX_ITEMS, "too many candidates");
            // XEP-0177 §4.2 makes component, generation, id, ip and port REQUIRED (RAW-01)
            Candidate k = Candidate.raw((int) number(required(c, "component"), "component"), required(c, "ip"),
                    (int) number(required(c, "port"), "port"), (int) number(required(c, "generation"), "generation"),
                    required(c, "id"));
            cs.add(k);
        }
        return new RawUdpTransport(cs);
    }

    /** The children of {@code e} (Smack gives null for none). */
    static List<StandardExtensionElement> children(StandardExtensionElement e) {
        List<StandardExtensionElement> l = e.getElements();
        return l == null ? List.of() : l;
    }

    /** The children of {@code e} named {@code name} (Smack gives null for none). */
    static List<StandardExtensionElement> children(StandardExtensionElement e, String name) {
        List<StandardExtensionElement> l = e.getElements(name);
        return l == null ? List.of() : l;
    }

    static String required(StandardExtensionElement e, String attr) {
        String v = e.getAttributeValue(attr);
        check(v != null && !v.isEmpty(), "<" + e.getElementName() + "/> lacks " + attr);
        return v;
    }

    private static String text(StandardExtensionElement e) {
        String t = e.getText();
        check(t != null && !t.isBlank(), "<" + e.getElementName() + "/> is empty");
        return t.trim();
    }

    private static long optNumber(StandardExtensionElement e, String attr, long dflt) {
        String v = e.getAttributeValue(attr);
        return v == null ? dflt : number(v, attr);
    }

    private static long number(String s, String what) {
        check(!s.isEmpty() && s.length() <= 10 && s.chars().allMatch(ch -> ch >= '0' && ch <= '9'), what + " is not a number: " + s);
        return Long.parseLong(s);
    }

    private static long unsigned32(String s) {
        long v = number(s, "ssrc");
        check(v <= 0xFFFFFFFFL, "ssrc exceeds 32 bits");
        return v;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(what);
        }
    }
}

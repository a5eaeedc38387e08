package org.stoxgw.mapping.jingle;

import java.util.List;
import java.util.Objects;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.stoxgw.mapping.media.Bandwidth;
import org.stoxgw.mapping.media.Codec;
import org.stoxgw.mapping.media.Crypto;
import org.stoxgw.mapping.media.HeaderExtension;
import org.stoxgw.mapping.media.Parameter;
import org.stoxgw.mapping.media.RtcpFeedback;
import org.stoxgw.mapping.media.Senders;
import org.stoxgw.mapping.media.Source;
import org.stoxgw.mapping.media.SourceGroup;

/**
 * {@code <description xmlns='urn:xmpp:jingle:apps:rtp:1' media ssrc>} (XEP-0167 §4, RTP-01) with its
 * children: {@code <payload-type/>}s in preference order (RTP-02, with {@code <parameter/>} and XEP-0293
 * {@code <rtcp-fb/>}), description-level {@code <rtcp-fb/>}, XEP-0294 {@code <rtp-hdrext/>} and
 * {@code <extmap-allow-mixed/>}, XEP-0339 {@code <source/>} and {@code <ssrc-group/>}, {@code <bandwidth/>},
 * {@code <rtcp-mux/>} and {@code <encryption required><crypto/>…</encryption>} (RTP-06). The leaf
 * children are the model's records (one record per element, attribute for attribute). {@code ssrc} is
 * null when absent; {@code encryption} is true when an {@code <encryption/>} element is present.
 */
public record RtpDescription(String media, Long ssrc, List<Codec> codecs, List<RtcpFeedback> feedback,
                             List<HeaderExtension> headerExtensions, boolean extmapAllowMixed, List<Source> sources,
                             List<SourceGroup> sourceGroups, List<Bandwidth> bandwidths, boolean rtcpMux,
                             boolean encryption, boolean encryptionRequired, List<Crypto> cryptos)
        implements ExtensionElement {
    public static final String ELEMENT = "description";

    public RtpDescription {
        Objects.requireNonNull(media, "media");
        codecs = List.copyOf(codecs);
        feedback = List.copyOf(feedback);
        headerExtensions = List.copyOf(headerExtensions);
        sources = List.copyOf(sources);
        sourceGroups = List.copyOf(sourceGroups);
        bandwidths = List.copyOf(bandwidths);
        cryptos = List.copyOf(cryptos);
    }

    /** A description with only payload types (XEP-0353 propose carries one with none). */
    public static RtpDescription of(String media, List<Codec> codecs) {
        return new RtpDescription(media, null, codecs, List.of(), List.of(), false, List.of(), List.of(), List.of(),
                false, false, false, List.of());
    }

    @Override
    public String getElementName() {
        return ELEMENT;
    }

    @Override
    public String getNamespace() {
        return JingleNamespaces.RTP;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment env) {
        XmlStringBuilder xml = new XmlStringBuilder(this, env);
        xml.attribute("media", media).optAttribute("ssrc", ssrc);
        xml.rightAngleBracket();
        for (Codec c : codecs) {
            xml.halfOpenElement("payload-type").attribute("id", c.id());
            xml.optAttribute("name", c.name().isEmpty() ? null : c.name());
            if (c.clockrate() > 0) {
                xml.attribute("clockrate", c.clockrate());
            }
            if (c.channels() > 1) {
                xml.attribute("channels", c.channels());
            }
            if (c.ptime() > 0) {
                xml.attribute("ptime", c.ptime());
            }
            if (c.maxptime() > 0) {
                xml.attribute("maxptime", c.maxptime());
            }
            if (c.parameters().isEmpty() && c.feedback().isEmpty()) {
                xml.closeEmptyElement();
                continue;
            }
            xml.rightAngleBracket();
            for (Parameter p : c.parameters()) {
                parameter(xml, p, null);
            }
            c.feedback().forEach(fb -> feedback(xml, fb));
            xml.closeElement("payload-type");
        }
        feedback.forEach(fb -> feedback(xml, fb));
        for (HeaderExtension h : headerExtensions) {
            xml.halfOpenElement("rtp-hdrext").xmlnsAttribute(JingleNamespaces.HDREXT).attribute("id", h.id())
                    .attribute("uri", h.uri());
            if (h.senders() != Senders.BOTH) {
                xml.attribute("senders", h.senders().xml());
            }
            if (h.attributes().isEmpty()) {
                xml.closeEmptyElement();
            } else {
                // XEP-0294 §3: extension attributes as <parameter/>s, one per space-separated token
                xml.rightAngleBracket();
                for (String t : h.attributes().split(" ")) {
                    xml.halfOpenElement("parameter").attribute("name", t).closeEmptyElement();
                }
                xml.closeElement("rtp-hdrext");
            }
        }
        if (extmapAllowMixed) {
            xml.halfOpenElement("extmap-allow-mixed").xmlnsAttribute(JingleNamespaces.HDREXT).closeEmptyElement();
        }
        for (Source s : sources) {
            xml.halfOpenElement("source").xmlnsAttribute(JingleNamespaces.SSMA).attribute("ssrc", s.ssrc());
            if (s.parameters().isEmpty()) {
                xml.closeEmptyElement();
                continue;
            }
            xml.rightAngleBracket();
            for (Parameter p : s.parameters()) {
                parameter(xml, p, null);
            }
            xml.closeElement("source");
        }
        for (SourceGroup g : sourceGroups) {
            xml.halfOpenElement("ssrc-group").xmlnsAttribute(JingleNamespaces.SSMA).attribute("semantics", g.semantics())
                    .rightAngleBracket();
            for (Long id : g.ssrcs()) {
                xml.halfOpenElement("source").attribute("ssrc", id).closeEmptyElement();
            }
            xml.closeElement("ssrc-group");
        }
        for (Bandwidth b : bandwidths) {
            xml.halfOpenElement("bandwidth").attribute("type", b.type()).rightAngleBracket().append(Long.toString(b.value()))
                    .closeElement("bandwidth");
        }
        if (rtcpMux) {
            xml.emptyElement("rtcp-mux");
        }
        if (encryption || !cryptos.isEmpty()) {
            xml.halfOpenElement("encryption");
            if (encryptionRequired) {
                xml.attribute("required", "1");
            }
            xml.rightAngleBracket();
            for (Crypto k : cryptos) {
                xml.halfOpenElement("crypto").attribute("crypto-suite", k.suite()).attribute("key-params", k.keyParams())
                        .optAttribute("session-params", k.sessionParams().isEmpty() ? null : k.sessionParams())
                        .attribute("tag", k.tag()).closeEmptyElement();
            }
            xml.closeElement("encryption");
        }
        return xml.closeElement(this);
    }

    static void parameter(XmlStringBuilder xml, Parameter p, String ns) {
        xml.halfOpenElement("parameter");
        if (ns != null) {
            xml.xmlnsAttribute(ns);
        }
        xml.attribute("name", p.name()).attribute("value", p.value()).closeEmptyElement();
    }

    private static void feedback(XmlStringBuilder xml, RtcpFeedback fb) {
        xml.halfOpenElement("rtcp-fb").xmlnsAttribute(JingleNamespaces.RTCP_FB).attribute("type", fb.type())
                .optAttribute("subtype", fb.subtype().isEmpty() ? null : fb.subtype()).closeEmptyElement();
    }
}

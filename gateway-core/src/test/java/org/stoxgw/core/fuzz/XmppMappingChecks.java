package org.stoxgw.core.fuzz;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jxmpp.jid.Jid;
import org.stoxgw.config.ConfigLoader;
import org.stoxgw.config.SharedSettings;
import org.stoxgw.core.routing.Policies;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.address.Mapping;
import org.stoxgw.mapping.address.SipUri;
import org.stoxgw.mapping.address.UriScheme;
import org.stoxgw.mapping.address.UserSpellings;
import org.stoxgw.mapping.error.XmppErrors;
import org.stoxgw.mapping.message.ContentPolicy;
import org.stoxgw.mapping.message.CpimCodec;
import org.stoxgw.mapping.message.OutboundContent;
import org.stoxgw.mapping.message.PayloadLimits;
import org.stoxgw.mapping.message.XmppToSipContent;
import org.stoxgw.mapping.message.XmppToSipMessage;
import org.stoxgw.mapping.payload.ParseResult;
import org.stoxgw.mapping.payload.XmlLimits;
import org.stoxgw.mapping.presence.PidfParser;
import org.stoxgw.mapping.presence.PidfTuple;
import org.stoxgw.mapping.presence.PidfWriter;
import org.stoxgw.mapping.presence.PresenceToPidf;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.sipadapter.convert.WireMessages;
import org.stoxgw.xmppadapter.stanza.DomainIqResponder;
import org.stoxgw.xmppadapter.stanza.StanzaCodec;

/**
 * The mapping half of the XMPP entry path, used the way the core uses it (RFC 7247 addresses, RFC
 * 7572 message content, RFC 8048 presence, RFC 7247 errors), ending in the SIP request the SIP
 * adapter would build. Invariants:
 * <ul>
 *   <li>a refusal or an error carries a SIP answer with a sendable reason;</li>
 *   <li>addresses that map come back: the SIP addresses, mapped to XMPP and back, stay the same;</li>
 *   <li>the SIP request built from the stanza is accepted by JAIN-SIP and parses back with the same
 *       Request-URI and body (AMB-M12: bodies arrive byte-identical);</li>
 *   <li>a PIDF the gateway writes is one it reads; a domain IQ's answer is well-formed.</li>
 * </ul>
 * Configuration: the reference domains. Stateless; thread-safe.
 */
final class XmppMappingChecks {
    private static final ContentPolicy POLICY = ContentPolicy.ALL;
    private final AddressMapper addresses;
    private final WireMessages wire = new WireMessages();
    private final DomainIqResponder responder = new DomainIqResponder(DomainIqResponder.DEFAULT_FEATURES, "stoxgw");

    XmppMappingChecks() {
        ConfigLoader.LoadedConfig c = ConfigLoader.load(Optional.empty(), Map.of());
        this.addresses = new AddressMapper(Policies.addressPolicy(SharedSettings.read(c.reader()).domains()));
    }

    void check(Stanza s) {
        if (s instanceof IQ iq) {
            iq(iq);
            return;
        }
        if (s.getError() != null) {
            String reason = XmppErrors.toSip(s.getError(), s.getFrom(), addresses, List.of("MESSAGE")).reason();
            sendable(reason);
            return;
        }
        if (s.getFrom() == null || s.getTo() == null) {
            return; // the S2S stream refuses stanzas without both
        }
        Mapping<AddressMapper.SipAddresses> mapped = addresses.xmppStanzaToSip(s.getFrom(), s.getTo(), UriScheme.SIP,
                UserSpellings.NONE);
        if (mapped instanceof Mapping.Refused<AddressMapper.SipAddresses> r) {
            sendable(r.sipResponse().reason());
            r.stanzaError();
            return;
        }
        AddressMapper.SipAddresses uris = ((Mapping.Ok<AddressMapper.SipAddresses>) mapped).value();
        sameSipAddress(uris.from(), "sender");
        sameSipAddress(uris.to(), "target");
        if (s instanceof Message m) {
            message(m, uris);
        } else if (s instanceof Presence p) {
            presence(p, uris);
        }
    }

    /**
     * The JID that stands for {@code uri} maps to {@code uri} again, so answers reach the same SIP
     * user. (The JID itself may differ from the one received: a JID may spell an embedded address
     * in a non-canonical form, e.g. an A-label where the gateway writes the U-label, AMB-14.)
     */
    private void sameSipAddress(SipUri uri, String role) {
        Mapping<Jid> jid = addresses.sipAddressToXmpp(uri);
        if (!(jid instanceof Mapping.Ok<Jid> ok)) {
            throw new AssertionError("the " + role + " " + uri + " cannot be mapped back to XMPP: " + jid);
        }
        Mapping<SipUri> again = addresses.xmppAddressToSip(ok.value(), UriScheme.SIP, UserSpellings.NONE);
        if (!(again instanceof Mapping.Ok<SipUri> a) || !a.value().equals(uri)) {
            throw new AssertionError("the " + role + " " + uri + " comes back as " + again + " (via " + ok.value() + ")");
        }
    }

    /** What the message path does with a message (XmppToSipSession): a request JAIN-SIP accepts, or an error. */
    private void corePath(Message m) {
        XmppToSipMessage.Result r = XmppToSipMessage.translate(m, addresses, UserSpellings.NONE,
                new XmppToSipMessage.Options(POLICY, 60), IDS, Instant.EPOCH);
        if (r instanceof XmppToSipMessage.Translated t) {
            encodeAndParse(t.request());
            if (t.plainFallback() != null) {
                encodeAndParse(t.plainFallback());
            }
        } else if (r instanceof XmppToSipMessage.Refused refused) {
            refused.error().toXML();
        }
    }

    private static final XmppToSipMessage.Identifiers IDS = new XmppToSipMessage.Identifiers() {
        @Override
        public String newTag() {
            return "t1";
        }

        @Override
        public String newCallId() {
            return "c1@gw.example.test";
        }

        @Override
        public long nextCSeq() {
            return 1;
        }

        @Override
        public String newUnique() {
            return "0123456789abcdef";
        }
    };

    private void message(Message m, AddressMapper.SipAddresses uris) {
        if (m.getType() != Message.Type.error) {
            corePath(m);
        }
        OutboundContent content = XmppToSipContent.classify(m, POLICY);
        if (content instanceof OutboundContent.Text t) {
            SipBody body = XmppToSipContent.textBody(t.body());
            String back = sipRoundTrip(uris, body, t.body().lang());
            if (!back.equals(t.body().text())) {
                throw new AssertionError("body changed on the way: [" + t.body().text() + "] -> [" + back + "]");
            }
            SipBody cpim = XmppToSipContent.cpimTextBody(t.body(), uris.from().toString(), uris.to().toString(),
                    Instant.EPOCH, "imdn-1");
            ParseResult<?> parsed = CpimCodec.parse(cpim.content(), PayloadLimits.DEFAULT);
            if (!parsed.isOk() && t.byteLength() < PayloadLimits.DEFAULT.maxBytes() / 2) {
                throw new AssertionError("the gateway's own CPIM does not parse: " + parsed);
            }
        } else if (content instanceof OutboundContent.Composing c) {
            XmppToSipContent.composingBody(c.state(), 60).ifPresent(b -> sipRoundTrip(uris, b, ""));
        }
    }

    private void presence(Presence p, AddressMapper.SipAddresses uris) {
        Optional<PidfTuple> tuple = PresenceToPidf.tuple(p, uris.from().toString(), "en");
        if (tuple.isEmpty()) {
            return;
        }
        String xml = PidfWriter.write(PresenceToPidf.document(PresenceToPidf.presUri(uris.from().toString()),
                List.of(tuple.get())), Instant.EPOCH, true);
        ParseResult<?> back = PidfParser.parse(xml.getBytes(StandardCharsets.UTF_8), XmlLimits.DEFAULT);
        if (!back.isOk()) {
            throw new AssertionError("the gateway's own PIDF does not parse: " + back + "\n" + xml);
        }
    }

    private void iq(IQ iq) {
        if ((iq.getType() == IQ.Type.get || iq.getType() == IQ.Type.set) && iq.getTo() != null
                && iq.getTo().isDomainBareJid()) {
            String xml = StanzaCodec.serialize(responder.answer(iq));
            try {
                StanzaCodec.parse(xml.replaceFirst("^<iq ", "<iq xmlns='jabber:client' "));
            } catch (StanzaCodec.StanzaParseException e) {
                throw new AssertionError("the answer to a domain IQ is not well-formed: " + xml, e);
            }
        }
    }

    /** The MESSAGE the SIP adapter would send, encoded and parsed back: its body as text. */
    private String sipRoundTrip(AddressMapper.SipAddresses uris, SipBody body, String lang) {
        SipHeaders headers = lang.isEmpty() ? SipHeaders.EMPTY : SipHeaders.of("Content-Language", lang);
        SipRequest req = new SipRequest("MESSAGE", uris.to().toString(), NameAddress.of(uris.from().toString()),
                NameAddress.of(uris.to().toString()), "fuzz@gw.example.test", 1, headers, body);
        SIPRequest br = encodeAndParse(req);
        byte[] raw = br.getRawContent() == null ? new byte[0] : br.getRawContent();
        return new String(raw, StandardCharsets.UTF_8);
    }

    /** The request as the SIP adapter encodes it, parsed back by JAIN-SIP with the same Request-URI. */
    private SIPRequest encodeAndParse(SipRequest req) {
        String encoded;
        try {
            SIPRequest r = wire.request(req, 70);
            r.setHeader(wire.header("Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-fuzz"));
            encoded = r.encode();
        } catch (ParseException e) {
            throw new AssertionError("JAIN-SIP refuses the request the gateway builds: " + req, e);
        }
        SIPMessage back;
        try {
            back = new StringMsgParser().parseSIPMessage(encoded.getBytes(StandardCharsets.UTF_8), true, false, null);
        } catch (ParseException e) {
            throw new AssertionError("the gateway would send SIP nobody parses: " + encoded, e);
        }
        if (!(back instanceof SIPRequest br) || !br.getRequestURI().toString().equals(req.requestUri())) {
            throw new AssertionError("request changed on the way: " + encoded);
        }
        return br;
    }

    private static void sendable(String reason) {
        if (reason.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new AssertionError("reason not sendable in SIP: " + reason);
        }
    }
}

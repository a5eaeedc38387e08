package org.stoxgw.core.fuzz;

import java.util.List;
import java.util.Objects;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.address.Mapping;
import org.stoxgw.mapping.address.UriScheme;
import org.stoxgw.mapping.address.UserSpellings;
import org.stoxgw.mapping.message.ContentPolicy;
import org.stoxgw.mapping.message.InboundContent;
import org.stoxgw.mapping.message.PayloadLimits;
import org.stoxgw.mapping.message.SipToXmppContent;
import org.stoxgw.mapping.message.SipToXmppMessage;
import org.stoxgw.mapping.payload.ParseResult;
import org.stoxgw.mapping.payload.XmlLimits;
import org.stoxgw.mapping.presence.DialogInfoParser;
import org.stoxgw.mapping.presence.PidfDocument;
import org.stoxgw.mapping.presence.PidfParser;
import org.stoxgw.mapping.presence.PidfToPresence;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.xmppadapter.stanza.StanzaCodec;

/**
 * The mapping half of the SIP entry path, used the way the core uses it: addresses of the request
 * (RFC 7247), then the body of a MESSAGE (RFC 7572) or a NOTIFY (RFC 8048). Invariants checked:
 * <ul>
 *   <li>a refusal carries a sendable SIP answer and an XMPP error;</li>
 *   <li>addresses that map can be answered: the reply's addresses map back to SIP and from there to
 *       the same JIDs (nothing the gateway accepts becomes unreachable for the answer);</li>
 *   <li>every stanza built from the request serialises to XML that Smack parses back with the same
 *       addresses and text (a bad stanza would make the receiving server close the whole S2S
 *       stream, harming every other message on it).</li>
 * </ul>
 * Stateless; thread-safe.
 */
final class SipMappingChecks {
    private final AddressMapper addresses;

    static {
        StanzaCodec.initialise(); // Smack on the JDK's StAX, as in the gateway
    }

    SipMappingChecks(AddressMapper addresses) {
        this.addresses = addresses;
    }

    void check(SipRequest request) {
        if (request.method().equals("MESSAGE")) {
            corePath(request);
        }
        Mapping<AddressMapper.XmppAddresses> mapped = addresses.sipRequestToXmpp(request);
        if (mapped instanceof Mapping.Refused<AddressMapper.XmppAddresses> refused) {
            sendable(refused);
            return;
        }
        AddressMapper.XmppAddresses jids = ((Mapping.Ok<AddressMapper.XmppAddresses>) mapped).value();
        replyComesBack(jids);
        String lang = request.headers().first("Content-Language").orElse(null);
        switch (request.method()) {
            case "MESSAGE" -> message(request, jids, lang);
            case "NOTIFY" -> notify(request, jids);
            default -> { }
        }
    }

    /** What the message path does with a MESSAGE (SipToXmppSession): a stanza that parses back, or an answer that can be sent. */
    private void corePath(SipRequest request) {
        SipToXmppMessage.Result r = SipToXmppMessage.translate(request, addresses, "fuzz1",
                new SipToXmppMessage.Options(ContentPolicy.ALL, PayloadLimits.DEFAULT));
        if (r instanceof SipToXmppMessage.Translated t) {
            roundTrip(t.stanza());
        } else if (r instanceof SipToXmppMessage.Refused refused) {
            String reason = refused.response().reason();
            if (refused.response().status() < 300 || reason.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new AssertionError("refusal not sendable: " + refused.response());
            }
        }
    }

    /** The answer's addresses (from the target to the sender) map to SIP and back to the same JIDs. */
    private void replyComesBack(AddressMapper.XmppAddresses jids) {
        Mapping<AddressMapper.SipAddresses> reply = addresses.xmppStanzaToSip(jids.to(), jids.from(), UriScheme.SIP,
                UserSpellings.NONE);
        if (!(reply instanceof Mapping.Ok<AddressMapper.SipAddresses> ok)) {
            throw new AssertionError("the reply from " + jids.to() + " to " + jids.from() + " cannot be mapped: " + reply);
        }
        sameJid(jids.from(), addresses.sipAddressToXmpp(ok.value().to()), "sender");
        sameJid(jids.to(), addresses.sipAddressToXmpp(ok.value().from()), "target");
    }

    private static void sameJid(Jid expected, Mapping<Jid> back, String role) {
        if (!(back instanceof Mapping.Ok<Jid> ok) || !ok.value().equals(expected)) {
            throw new AssertionError("the " + role + " " + expected + " does not survive the round trip: " + back);
        }
    }

    private static void message(SipRequest request, AddressMapper.XmppAddresses jids, String lang) {
        ParseResult<InboundContent> content = SipToXmppContent.decode(request.body(), lang, ContentPolicy.ALL,
                PayloadLimits.DEFAULT);
        if (!(content instanceof ParseResult.Ok<InboundContent> ok)) {
            Objects.requireNonNull(((ParseResult.Refused<InboundContent>) content).detail());
            return;
        }
        MessageBuilder b = StanzaBuilder.buildMessage("fuzz-1").from(jids.from()).to(jids.to()).ofType(Message.Type.chat);
        InboundContent value = ok.value();
        if (value instanceof InboundContent.Text t) {
            Message back = (Message) roundTrip(t.applyTo(b, true).build());
            // AMB-M12: line ends are the serialiser's job (CR as &#13;); compare the rest
            if (!normalise(t.body().text()).equals(normalise(back.getBody()))) {
                throw new AssertionError("body changed on the way: [" + t.body().text() + "] -> [" + back.getBody() + "]");
            }
        } else if (value instanceof InboundContent.Composing c) {
            roundTrip(c.applyTo(b).build());
        } else if (value instanceof InboundContent.Notification n) {
            Objects.requireNonNull(n.notification().messageId());
        }
    }

    private static void notify(SipRequest request, AddressMapper.XmppAddresses jids) {
        String type = request.body().contentType().toLowerCase(java.util.Locale.ROOT);
        byte[] body = request.body().content();
        EntityBareJid contact = jids.from().asEntityBareJidIfPossible();
        if (contact == null) {
            return; // a domain JID: the presence path refuses it before the body
        }
        if (body.length == 0) {
            roundTrip(PidfToPresence.unknown(contact, jids.to()));
        } else if (type.startsWith("application/pidf+xml")) {
            ParseResult<PidfDocument> doc = PidfParser.parse(body, XmlLimits.DEFAULT);
            if (doc instanceof ParseResult.Ok<PidfDocument> ok) {
                List<Presence> presences = PidfToPresence.presences(ok.value(), contact, jids.to(), null);
                presences.forEach(SipMappingChecks::roundTrip);
            }
        } else if (type.startsWith("application/dialog-info+xml")) {
            DialogInfoParser.parse(body, XmlLimits.DEFAULT);
        }
    }

    /** The stanza as the XMPP adapter writes it, parsed back by Smack: same kind, addresses and id. */
    private static Stanza roundTrip(Stanza s) {
        // what the XMPP adapter writes (the namespace is inherited from the stream), made standalone
        String xml = StanzaCodec.serialize(s).replaceFirst("^<(message|presence|iq) ", "<$1 xmlns='jabber:client' ");
        Stanza back;
        try {
            back = StanzaCodec.parse(xml);
        } catch (StanzaCodec.StanzaParseException e) {
            throw new AssertionError("the gateway would send XML no server accepts: " + xml, e);
        }
        if (back.getClass() != s.getClass() || !Objects.equals(back.getTo(), s.getTo())
                || !Objects.equals(back.getFrom(), s.getFrom()) || !Objects.equals(back.getStanzaId(), s.getStanzaId())) {
            throw new AssertionError("stanza changed on the way: " + xml + " -> " + StanzaCodec.serialize(back));
        }
        return back;
    }

    private static String normalise(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static void sendable(Mapping.Refused<?> refused) {
        String reason = refused.sipResponse().reason();
        if (reason.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new AssertionError("refusal reason not sendable in SIP: " + reason);
        }
        refused.stanzaError().toXML();
    }
}

package org.stoxgw.core.presence;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.stoxgw.mapping.address.Mapping;
import org.stoxgw.mapping.address.SipUri;
import org.stoxgw.mapping.payload.MediaType;
import org.stoxgw.mapping.payload.ParseProblem;
import org.stoxgw.mapping.payload.ParseResult;
import org.stoxgw.mapping.payload.XmlLimits;
import org.stoxgw.mapping.presence.DialogInfoParser;
import org.stoxgw.mapping.presence.EventPackage;
import org.stoxgw.mapping.presence.PidfParser;
import org.stoxgw.mapping.presence.SubscriptionHeaders;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.InboundSipRequest;

/**
 * Reads the body of a NOTIFY in one of the gateway's subscriptions: PIDF for presence, dialog-info
 * for the dialog package (C-01: a body of another type gets 415 with Accept, one that does not parse
 * 400, one too large 413; nothing is guessed). Also the GRUU of its Contact (AMB-P03). Static; any
 * thread.
 */
final class NotifyContent {

    /** A body that was read: the parsed document, or null when the NOTIFY had none. */
    record Read(Object document) { }

    private NotifyContent() {
    }

    /** The body's document, or null when the request was refused (already answered). */
    static Read read(InboundSipRequest in, EventPackage pkg, XmlLimits limits) {
        SipBody body = in.request().body();
        if (body.isEmpty()) {
            return new Read(null);
        }
        String type = MediaType.parse(body.contentType()).map(m -> m.type() + "/" + m.subtype()).orElse("");
        if (!type.equals(pkg.contentType())) {
            in.respond(new SipResponse(415, "Unsupported Media Type", SipHeaders.of("Accept", pkg.contentType()), null));
            return null;
        }
        ParseResult<?> parsed = pkg == EventPackage.PRESENCE ? PidfParser.parse(body.content(), limits)
                : DialogInfoParser.parse(body.content(), limits);
        if (parsed instanceof ParseResult.Refused<?> r) {
            boolean large = r.problem() == ParseProblem.TOO_LARGE;
            in.respond(SipResponse.of(large ? 413 : 400, (large ? "Request Entity Too Large" : "Bad Request") + " ("
                    + pkg.contentType() + " refused: " + r.problem().name().toLowerCase(Locale.ROOT) + ")"));
            return null;
        }
        return new Read(parsed.orElseThrow());
    }

    /** The instance of the NOTIFY's Contact GRUU, decoded; null if none. */
    static String gruuOf(SipRequest notify) {
        String uri = SubscriptionHeaders.contactUri(notify.headers()).orElse(null);
        if (uri == null) {
            return null;
        }
        Mapping<SipUri> u = SipUri.tryParse(uri);
        SipUri.Param gr = u.isOk() ? u.orElseThrow().param("gr") : null;
        if (gr == null || gr.value() == null || gr.value().isEmpty()) {
            return null;
        }
        return percentDecode(gr.value());
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(s, i + 1, i + 3, 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}

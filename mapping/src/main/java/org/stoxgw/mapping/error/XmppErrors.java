package org.stoxgw.mapping.error;

import java.util.List;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jxmpp.jid.Jid;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.address.Mapping;
import org.stoxgw.mapping.address.SipUri;
import org.stoxgw.mapping.address.UriScheme;
import org.stoxgw.mapping.address.UserSpellings;
import org.stoxgw.mapping.address.XmppIri;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipResponse;

/**
 * XMPP stanza error → SIP response (RFC 7247 §7.1, ERR-04–ERR-09), for the SIP request the gateway
 * translated into the stanza that failed:
 * <ul>
 *   <li>status from {@link ErrorTables#statusFor}, choosing 4xx/6xx by the JID the error concerns
 *       (AMB-09: the {@code to} of the stanza the gateway sent, else the error's {@code from});</li>
 *   <li>{@code <gone/>} with a new address → 301 with that address as Contact, mapped to SIP
 *       (AMB-07: an {@code xmpp:} IRI through {@link AddressMapper#xmppAddressToSip}, a sip/sips URI
 *       as it is); {@code <gone/>} without one, or with one SIP cannot reach → 410 (ERR-07);</li>
 *   <li>{@code <redirect/>} → 302, with a Contact when the address maps;</li>
 *   <li>Reason-Phrase = the error's {@code <text/>} (ERR-03), else the code's standard phrase;</li>
 *   <li>405 carries the {@code Allow} list the caller gives (RFC 3261 §21.4.6 requires one).</li>
 * </ul>
 * Pure static functions, any thread.
 */
public final class XmppErrors {

    private XmppErrors() {
    }

    /**
     * The SIP response for an XMPP error.
     *
     * @param error     the stanza error
     * @param concerned the JID the error concerns (AMB-09); null counts as a bare JID
     * @param addresses maps a new address in {@code <gone/>}/{@code <redirect/>}
     * @param allow     the methods for the {@code Allow} header of a 405 (e.g. {@code MESSAGE})
     */
    public static SipResponse toSip(StanzaError error, Jid concerned, AddressMapper addresses, List<String> allow) {
        Condition condition = error.getCondition();
        boolean full = concerned != null && concerned.hasResource();
        int status = ErrorTables.statusFor(condition, full);
        SipHeaders headers = SipHeaders.EMPTY;
        if (condition == Condition.gone || condition == Condition.redirect) {
            String contact = contactFor(error.getConditionText(), addresses);
            if (contact != null) {
                status = condition == Condition.gone ? 301 : 302;
                headers = headers.with("Contact", "<" + contact + ">");
            }
        }
        if (status == 405) {
            headers = headers.with("Allow", String.join(", ", allow));
        }
        String text = ReasonText.of(error);
        return new SipResponse(status, text != null ? text : ErrorTables.reasonPhrase(status), headers, SipBody.EMPTY);
    }

    /** The SIP URI for the address in a {@code <gone/>}/{@code <redirect/>}, or null (AMB-07). */
    static String contactFor(String address, AddressMapper addresses) {
        if (address == null || address.isBlank()) {
            return null;
        }
        String a = address.trim();
        if (XmppIri.isXmppIri(a)) {
            Mapping<SipUri> uri = XmppIri.parse(a)
                    .flatMap(jid -> addresses.xmppAddressToSip(jid, UriScheme.SIP, UserSpellings.NONE));
            return uri.isOk() ? uri.orElseThrow().toString() : null;
        }
        Mapping<SipUri> sip = SipUri.tryParse(a);
        return sip.isOk() && sip.orElseThrow().scheme().isSip() ? a : null;
    }
}

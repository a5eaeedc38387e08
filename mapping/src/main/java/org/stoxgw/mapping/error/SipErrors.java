package org.stoxgw.mapping.error;

import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.address.Mapping;
import org.stoxgw.mapping.address.SipUri;
import org.stoxgw.mapping.address.UriScheme;
import org.stoxgw.mapping.address.XmppIri;
import org.stoxgw.mapping.sip.SipResponse;

/**
 * SIP failure response → XMPP stanza error (RFC 7247 §7.2, ERR-10–ERR-15), for the stanza the
 * gateway translated into the request that failed:
 * <ul>
 *   <li>condition and RFC 6120 type from {@link ErrorTables#forStatus} (unlisted codes by class,
 *       ERR-11; 402 → bad-request, ERR-15; 503 → internal-server-error, ERR-09);</li>
 *   <li>301 → {@code <gone/>} carrying the Contact as new address (ERR-12): the {@code xmpp:} IRI of
 *       the JID that stands for it where it maps (AMB-07), else the SIP URI as it is; 410 →
 *       {@code <gone/>} without address (ERR-13);</li>
 *   <li>300/302/305 and other 3xx → {@code <redirect/>} carrying the Contact the same way (table 2.5);</li>
 *   <li>the Reason-Phrase as {@code <text/>} (ERR-03).</li>
 * </ul>
 * Pure static functions, any thread.
 */
public final class SipErrors {

    private SipErrors() {
    }

    /**
     * The stanza error for a SIP failure response.
     *
     * @throws IllegalArgumentException for a 1xx or 2xx response (ERR-02: no mapping)
     */
    public static StanzaError toXmpp(SipResponse response, AddressMapper addresses) {
        ErrorTables.ConditionAndType ct = ErrorTables.forStatus(response.status());
        StanzaError.Builder b = StanzaError.getBuilder(ct.condition()).setType(ct.type())
                .setDescriptiveTexts(ReasonText.texts(response.reason()));
        boolean carriesAddress = ct.condition() == Condition.redirect
                || ct.condition() == Condition.gone && response.status() != 410;
        if (carriesAddress) {
            String contact = HeaderUris.firstUri(response.headers().first("Contact").orElse(null));
            String address = addressFor(contact, addresses);
            if (address != null) {
                b.setConditionText(address);
            }
        }
        return b.build();
    }

    /** The new address as XMPP should see it (AMB-07), or null if the Contact has none. */
    static String addressFor(String contactUri, AddressMapper addresses) {
        if (contactUri == null) {
            return null;
        }
        Mapping<SipUri> uri = SipUri.tryParse(contactUri);
        if (uri.isOk() && uri.orElseThrow().scheme() != UriScheme.SIPS) {
            Mapping<String> iri = addresses.sipAddressToXmpp(uri.orElseThrow()).map(XmppIri::of);
            if (iri.isOk()) {
                return iri.orElseThrow();
            }
        }
        return ReasonText.clean(contactUri);
    }
}

package org.stoxgw.mapping.jingle;

import org.jivesoftware.smack.packet.ErrorIQ;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smackx.jingle.element.JingleError;

/**
 * The IQ errors a Jingle request may get (XEP-0166 §6.3.2, §10; JNG-02, JNG-05, JNG-09, JNG-10,
 * JNG-11): each stanza error condition with its Jingle-specific child in
 * {@code urn:xmpp:jingle:errors:1}. Pure.
 */
public final class JingleErrors {
    /** Which error, with the stanza condition XEP-0166 §10 pairs it with. */
    public enum Kind {
        /** {@code <unexpected-request/>} + {@code <out-of-order/>}: an action not valid in the session's state. */
        OUT_OF_ORDER(Condition.unexpected_request, "out-of-order"),
        /** {@code <conflict/>} + {@code <tie-break/>}: the loser of simultaneous requests (JNG-11). */
        TIE_BREAK(Condition.conflict, "tie-break"),
        /** {@code <item-not-found/>} + {@code <unknown-session/>}: no such sid with this peer. */
        UNKNOWN_SESSION(Condition.item_not_found, "unknown-session"),
        /** {@code <feature-not-implemented/>} + {@code <unsupported-info/>}: a session-info payload we do not know (JNG-09). */
        UNSUPPORTED_INFO(Condition.feature_not_implemented, "unsupported-info"),
        /** {@code <bad-request/>}: malformed, or an unknown action (JNG-02, JNG-05). */
        BAD_REQUEST(Condition.bad_request, null),
        /** {@code <feature-not-implemented/>}: an action the gateway does not map (description-info, security-info). */
        NOT_IMPLEMENTED(Condition.feature_not_implemented, null),
        /** {@code <service-unavailable/>}: unknown or blocked initiator, no Jingle (JNG-02). */
        SERVICE_UNAVAILABLE(Condition.service_unavailable, null),
        /** {@code <resource-constraint/>}: the call limit is reached (JNG-02). */
        RESOURCE_CONSTRAINT(Condition.resource_constraint, null);

        private final Condition condition;
        private final String jingle;

        Kind(Condition condition, String jingle) {
            this.condition = condition;
            this.jingle = jingle;
        }

        public Condition condition() {
            return condition;
        }
    }

    private JingleErrors() {
    }

    /** The error answer to {@code request}, without echoing the request's payload (RFC 6120 §8.3.1 does not ask it). */
    public static ErrorIQ error(IQ request, Kind kind) {
        StanzaError.Builder b = StanzaError.getBuilder(kind.condition);
        if (kind.jingle != null) {
            b.addExtension(JingleError.fromString(kind.jingle)); // Smack's own element for the four conditions
        }
        IqData data = StanzaBuilder.buildIqData(request.getStanzaId()).ofType(IQ.Type.error)
                .to(request.getFrom()).from(request.getTo());
        return ErrorIQ.builder(b.build(), data).build();
    }
}

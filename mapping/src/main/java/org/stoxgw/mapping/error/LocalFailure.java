package org.stoxgw.mapping.error;

import java.util.Map;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smack.packet.StanzaError.Type;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipResponse;

/**
 * Why a request or stanza the gateway sent got no answer from the far side, in either adapter
 * (mapping cannot see the adapters' own types; the core converts sip-adapter's
 * {@code SipOutcome.Kind} and the XMPP adapter's delivery failures into this). Each kind maps to an
 * XMPP error for an XMPP sender and to a SIP response for a SIP sender, consistent with RFC 7247
 * table 2 and ERR-08 (404 when the remote domain does not exist, 408 when it cannot be resolved or
 * reached).
 */
public enum LocalFailure {
    /** No answer in time (SIP Timer B/F, RFC 3261 §17.1; XMPP stream or dialback timeout). */
    TIMEOUT(Condition.remote_server_timeout, Type.WAIT, 408),
    /** Connecting or writing failed. */
    TRANSPORT(Condition.remote_server_not_found, Type.CANCEL, 408),
    /** DNS gave no usable answer for the domain (RFC 3263; XMPP SRV/A lookup failed). */
    UNRESOLVABLE(Condition.remote_server_not_found, Type.CANCEL, 408),
    /** DNS says the domain does not exist (NXDOMAIN). */
    NO_SUCH_DOMAIN(Condition.remote_server_not_found, Type.CANCEL, 404),
    /** The gateway refused to send (limits, loop detection). */
    REFUSED(Condition.resource_constraint, Type.WAIT, 500),
    /**
     * The gateway is stopping (draining, or its other side already stopped): the sender should try
     * again in a few seconds, when the gateway is back. Toward SIP 503 with Retry-After (RFC 3261
     * §21.5.4; D-SIP-03), never 408, which tells the sender the recipient did not answer (issue 13);
     * toward XMPP a {@code wait} error.
     */
    STOPPING(Condition.remote_server_timeout, Type.WAIT, 503),
    /**
     * Too large for the path: over the UDP limit where no congestion-controlled transport reaches
     * the target (RFC 3428 §10, RFC 7572 §6 / IM-15: {@code <policy-violation/>}), or over the
     * configured maximum; toward SIP 513 Message Too Large.
     */
    TOO_LARGE(Condition.policy_violation, Type.MODIFY, 513);

    private final Condition condition;
    private final Type type;
    private final int sipStatus;

    LocalFailure(Condition condition, Type type, int sipStatus) {
        this.condition = condition;
        this.type = type;
        this.sipStatus = sipStatus;
    }

    /** The XMPP condition reported to an XMPP sender. */
    public Condition condition() {
        return condition;
    }

    /** The SIP status reported to a SIP sender. */
    public int sipStatus() {
        return sipStatus;
    }

    /** The error for the XMPP sender of a stanza the SIP side never answered; {@code detail} becomes the text. */
    public StanzaError toXmpp(String detail) {
        String text = ReasonText.clean(detail);
        return StanzaError.getBuilder(condition).setType(type)
                .setDescriptiveTexts(text == null ? Map.of() : Map.of("", text)).build();
    }

    /**
     * Seconds a SIP sender is asked to wait ({@code Retry-After}) before sending again to a gateway
     * that is stopping: a restart takes a few seconds.
     */
    public static final int STOPPING_RETRY_AFTER_SECONDS = 5;

    /**
     * The response for the SIP sender of a request the XMPP side never answered; {@code detail} becomes
     * the Reason-Phrase. {@link #STOPPING} carries {@code Retry-After}.
     */
    public SipResponse toSip(String detail) {
        String text = ReasonText.clean(detail);
        String reason = text != null ? text : ErrorTables.reasonPhrase(sipStatus);
        return this == STOPPING
                ? new SipResponse(sipStatus, reason, SipHeaders.of("Retry-After", Integer.toString(STOPPING_RETRY_AFTER_SECONDS)), null)
                : SipResponse.of(sipStatus, reason);
    }
}

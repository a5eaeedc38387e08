package org.stoxgw.mapping.error;

import static org.jivesoftware.smack.packet.StanzaError.Condition.bad_request;
import static org.jivesoftware.smack.packet.StanzaError.Condition.feature_not_implemented;
import static org.jivesoftware.smack.packet.StanzaError.Condition.forbidden;
import static org.jivesoftware.smack.packet.StanzaError.Condition.gone;
import static org.jivesoftware.smack.packet.StanzaError.Condition.internal_server_error;
import static org.jivesoftware.smack.packet.StanzaError.Condition.item_not_found;
import static org.jivesoftware.smack.packet.StanzaError.Condition.not_acceptable;
import static org.jivesoftware.smack.packet.StanzaError.Condition.not_authorized;
import static org.jivesoftware.smack.packet.StanzaError.Condition.policy_violation;
import static org.jivesoftware.smack.packet.StanzaError.Condition.recipient_unavailable;
import static org.jivesoftware.smack.packet.StanzaError.Condition.redirect;
import static org.jivesoftware.smack.packet.StanzaError.Condition.registration_required;
import static org.jivesoftware.smack.packet.StanzaError.Condition.remote_server_not_found;
import static org.jivesoftware.smack.packet.StanzaError.Condition.remote_server_timeout;
import static org.jivesoftware.smack.packet.StanzaError.Condition.resource_constraint;
import static org.jivesoftware.smack.packet.StanzaError.Condition.unexpected_request;
import static org.jivesoftware.smack.packet.StanzaError.Type.AUTH;
import static org.jivesoftware.smack.packet.StanzaError.Type.CANCEL;
import static org.jivesoftware.smack.packet.StanzaError.Type.MODIFY;
import static org.jivesoftware.smack.packet.StanzaError.Type.WAIT;

import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smack.packet.StanzaError.Type;

/**
 * The error tables of RFC 7247 §7 as data, with the decisions recorded in docs/DECISIONS.md:
 * <ul>
 *   <li>{@link #forStatus}: SIP status → XMPP condition and RFC 6120 §8.3.3 type (table 3, spec
 *       table 2.4; ERR-10, ERR-11 defaults for unlisted codes, ERR-15);</li>
 *   <li>{@link #statusFor}: XMPP condition → SIP status (table 2, spec table 2.3; ERR-04–ERR-09);</li>
 *   <li>{@link #reasonPhrase}: the RFC 3261 §21 (and extension RFCs') Reason-Phrase of a code.</li>
 * </ul>
 * Pure static functions, any thread, no allocation.
 */
public final class ErrorTables {

    private ErrorTables() {
    }

    /** An XMPP condition with the error type to send it with. */
    public record ConditionAndType(Condition condition, Type type) {
    }

    private static final ConditionAndType REDIRECT = new ConditionAndType(redirect, MODIFY);
    private static final ConditionAndType GONE = new ConditionAndType(gone, CANCEL);
    private static final ConditionAndType BAD_REQUEST = new ConditionAndType(bad_request, MODIFY);
    private static final ConditionAndType NOT_AUTHORIZED = new ConditionAndType(not_authorized, AUTH);
    private static final ConditionAndType FORBIDDEN = new ConditionAndType(forbidden, AUTH);
    private static final ConditionAndType ITEM_NOT_FOUND = new ConditionAndType(item_not_found, CANCEL);
    private static final ConditionAndType NOT_IMPLEMENTED = new ConditionAndType(feature_not_implemented, CANCEL);
    private static final ConditionAndType NOT_ACCEPTABLE = new ConditionAndType(not_acceptable, MODIFY);
    private static final ConditionAndType REGISTRATION = new ConditionAndType(registration_required, AUTH);
    private static final ConditionAndType TIMEOUT = new ConditionAndType(remote_server_timeout, WAIT);
    private static final ConditionAndType POLICY = new ConditionAndType(policy_violation, MODIFY);
    private static final ConditionAndType RESOURCE = new ConditionAndType(resource_constraint, WAIT);
    private static final ConditionAndType UNAVAILABLE = new ConditionAndType(recipient_unavailable, WAIT);
    private static final ConditionAndType UNEXPECTED = new ConditionAndType(unexpected_request, WAIT);
    private static final ConditionAndType INTERNAL = new ConditionAndType(internal_server_error, CANCEL);
    private static final ConditionAndType NOT_FOUND_SERVER = new ConditionAndType(remote_server_not_found, CANCEL);

    /**
     * The XMPP condition for a SIP failure response (ERR-10; ERR-11 for unlisted codes). The primary
     * choice of RFC 7247 is taken where table 3 offers alternatives (ERR-14).
     *
     * @throws IllegalArgumentException for 1xx/2xx, which have no XMPP error (ERR-02)
     */
    public static ConditionAndType forStatus(int status) {
        switch (status) {
            case 300: case 302: case 305: return REDIRECT;
            case 301: case 410: return GONE;
            case 380: case 406: case 415: case 416: case 421: case 482: case 483: case 488: case 505: case 606:
                return NOT_ACCEPTABLE;
            case 400: case 402: case 493: return BAD_REQUEST;
            case 401: return NOT_AUTHORIZED;
            case 403: return FORBIDDEN;
            case 404: case 481: case 484: case 485: case 604: return ITEM_NOT_FOUND;
            case 405: case 420: case 439: case 501: return NOT_IMPLEMENTED;
            case 407: return REGISTRATION;
            case 408: case 504: return TIMEOUT;
            case 413: case 414: case 440: case 489: case 513: return POLICY;
            case 423: return RESOURCE;
            case 430: case 480: case 486: case 487: case 600: case 603: return UNAVAILABLE;
            case 491: return UNEXPECTED;
            case 500: case 503: return INTERNAL;
            case 502: return NOT_FOUND_SERVER;
            default:
                break;
        }
        if (status >= 300 && status < 400) {
            return REDIRECT;
        }
        if (status >= 400 && status < 500) {
            return BAD_REQUEST;
        }
        if (status >= 500 && status < 600) {
            return INTERNAL;
        }
        if (status >= 600 && status < 700) {
            return UNAVAILABLE;
        }
        throw new IllegalArgumentException("no XMPP error for SIP status " + status + " (RFC 7247 §7: only 3xx-6xx)");
    }

    /**
     * The SIP status for an XMPP condition (ERR-04).
     *
     * @param fullJid true when the error concerns a full JID (AMB-09: the {@code to} of the stanza
     *                the gateway sent), which picks the 4xx code over the 6xx one (ERR-05, ERR-06)
     */
    public static int statusFor(Condition condition, boolean fullJid) {
        switch (condition) {
            case feature_not_implemented: return fullJid ? 405 : 501;
            case forbidden: return fullJid ? 403 : 603;
            case item_not_found: return fullJid ? 404 : 604;
            case not_acceptable: return fullJid ? 406 : 606;
            case recipient_unavailable: return fullJid ? 480 : 600;
            case gone: return 410; // 301 only with a new address (ERR-07), decided by XmppErrors
            case internal_server_error: case resource_constraint: return 500;
            case not_allowed: case policy_violation: return 403;
            // 401/407 oblige a WWW-/Proxy-Authenticate challenge (RFC 3261 §21.4.2, §21.4.8) that a
            // gateway cannot make up for an XMPP peer; a bare 401/407 strands SIP UAs (ERR-01 allows it).
            case not_authorized: case registration_required: return 403;
            case redirect: return 302;
            case remote_server_not_found: return 404; // ERR-08: 408 only when the gateway itself knows
            case remote_server_timeout: return 408;
            case service_unavailable: return 403; // ERR-09: never 503; 405 would need an Allow list
            case bad_request: case conflict: case jid_malformed: case subscription_required:
            case undefined_condition: case unexpected_request:
            default:
                return 400;
        }
    }

    /** The standard Reason-Phrase of a status code, or a class phrase for unregistered codes. */
    public static String reasonPhrase(int status) {
        switch (status) {
            case 300: return "Multiple Choices";
            case 301: return "Moved Permanently";
            case 302: return "Moved Temporarily";
            case 305: return "Use Proxy";
            case 380: return "Alternative Service";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 402: return "Payment Required";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 406: return "Not Acceptable";
            case 407: return "Proxy Authentication Required";
            case 408: return "Request Timeout";
            case 410: return "Gone";
            case 413: return "Request Entity Too Large";
            case 414: return "Request-URI Too Long";
            case 415: return "Unsupported Media Type";
            case 416: return "Unsupported URI Scheme";
            case 420: return "Bad Extension";
            case 421: return "Extension Required";
            case 423: return "Interval Too Brief";
            case 430: return "Flow Failed";
            case 439: return "First Hop Lacks Outbound Support";
            case 440: return "Max-Breadth Exceeded";
            case 480: return "Temporarily Unavailable";
            case 481: return "Call/Transaction Does Not Exist";
            case 482: return "Loop Detected";
            case 483: return "Too Many Hops";
            case 484: return "Address Incomplete";
            case 485: return "Ambiguous";
            case 486: return "Busy Here";
            case 487: return "Request Terminated";
            case 488: return "Not Acceptable Here";
            case 489: return "Bad Event";
            case 491: return "Request Pending";
            case 493: return "Undecipherable";
            case 500: return "Server Internal Error";
            case 501: return "Not Implemented";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Server Time-out";
            case 505: return "Version Not Supported";
            case 513: return "Message Too Large";
            case 600: return "Busy Everywhere";
            case 603: return "Decline";
            case 604: return "Does Not Exist Anywhere";
            case 606: return "Not Acceptable";
            default:
                return status < 400 ? "Redirection" : status < 500 ? "Client Error" : status < 600 ? "Server Error" : "Global Failure";
        }
    }
}

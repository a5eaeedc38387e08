package org.stoxgw.core.routing;

import java.util.Locale;
import java.util.Objects;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.core.engine.Traffic;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.InboundSipRequest;
import org.stoxgw.sipadapter.SipRequestHandler;
import org.stoxgw.sipadapter.invite.IncomingCall;
import org.stoxgw.sipadapter.invite.InviteListener;
import org.stoxgw.xmppadapter.InboundStanza;
import org.stoxgw.xmppadapter.StanzaHandler;

/**
 * Where both adapters deliver what they receive; hands each request or stanza to the path of its
 * STOX area: single messages (RFC 7572), presence (RFC 8048), or calls (draft-ietf-stox-media) once a
 * call path is set: Jingle IQs (XEP-0166) and Jingle Message Initiation messages (XEP-0353). Anything
 * else is refused with an error to its sender; the XMPP adapter answers IQs in namespaces no path
 * claims ({@link #claimsIq}).
 *
 * <p>Threading: entry points are called on adapter threads and return at once; each path hops
 * onto the event loop of the session concerned. The paths are set once, before the adapters start.
 */
public final class Router implements SipRequestHandler, StanzaHandler, InviteListener {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    /** The handlers of one STOX area, for both directions. */
    public interface Path extends SipRequestHandler, StanzaHandler { }

    /** XEP-0166: the payload namespace of every Jingle IQ. */
    public static final String JINGLE = "urn:xmpp:jingle:1";
    /** XEP-0353 (Jingle Message Initiation): propose, ringing, proceed, accept, reject, retract, finish. */
    public static final String JINGLE_MESSAGE = "urn:xmpp:jingle-message:0";

    private final Traffic traffic;
    private volatile Path messages;
    private volatile Path presence;
    private volatile DrainGate drain;
    private volatile Path calls;
    private volatile ChatRoute chats;

    /** The chat-session path (RFC 7573) as the router sees it: which XMPP messages it takes. */
    public interface ChatRoute {
        /** Whether {@code stanza} (a message) belongs to a chat session, existing or to open. */
        boolean handles(InboundStanza stanza);

        void onStanza(InboundStanza stanza);
    }
    private volatile InviteListener callInvites;
    private volatile InviteListener chatInvites;

    public Router(Traffic traffic) {
        this.traffic = traffic;
    }

    /** Sets the area paths; called once while wiring, before the adapters start. */
    public void paths(Path messages, Path presence) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.presence = Objects.requireNonNull(presence, "presence");
    }

    /** Refuses new work while the gateway drains (set once while wiring). */
    public void drainGate(DrainGate gate) {
        this.drain = gate;
    }

    /**
     * Sets the call path; called at most once while wiring, before the adapters start. Without it
     * the gateway does no calls: Jingle IQs are answered service-unavailable by the XMPP adapter
     * (XEP-0166 §6.3.2, JNG-02) and INVITEs get 501 like any method no path handles.
     */
    public void calls(Path calls) {
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    /**
     * Sets the chat-session path; at most once while wiring. Without it every message is a single
     * message (RFC 7572).
     */
    public void chats(ChatRoute chats) {
        this.chats = Objects.requireNonNull(chats, "chats");
    }

    /**
     * Sets who takes incoming INVITEs (the SIP adapter's INVITE layer): chat sessions (an offer with
     * an {@code m=message} line, RFC 7573 / RFC 4975) and calls (any other offer, or none: a delayed
     * offer). Either may be null; called while wiring, before the adapters start.
     */
    public void invites(InviteListener calls, InviteListener chats) {
        this.callInvites = calls;
        this.chatInvites = chats;
    }

    /**
     * An incoming INVITE (on the call's loop): to the chat-session or the call path by its offer; one
     * no path takes gets 488 (the session it offers cannot be served here).
     */
    @Override
    public void onIncoming(IncomingCall call) {
        InviteListener to = isChatOffer(call.invite().body().utf8()) ? chatInvites : callInvites;
        if (to != null) {
            to.onIncoming(call);
            return;
        }
        traffic.count(Traffic.Direction.SIP_TO_XMPP, Traffic.Outcome.RECEIVED);
        traffic.count(Traffic.Direction.SIP_TO_XMPP, Traffic.Outcome.REJECTED);
        call.listen(new org.stoxgw.sipadapter.invite.CallListener() {
            @Override
            public void onEnded(org.stoxgw.sipadapter.invite.Call c, org.stoxgw.sipadapter.invite.CallEnd end) {
                // refused below: nothing to clean up
            }
        });
        call.reject(488, "Not Acceptable Here (no path for this session)", java.util.Optional.empty());
    }

    /** An SDP offer whose media lines are all {@code m=message} (an MSRP session). */
    public static boolean isChatOffer(String sdp) {
        boolean message = false;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                if (!line.startsWith("m=message ")) {
                    return false;
                }
                message = true;
            }
        }
        return message;
    }

    /** The XMPP adapter asks this for every IQ request to a user: Jingle when a call path is set. */
    @Override
    public boolean claimsIq(String namespace) {
        return calls != null && JINGLE.equals(namespace);
    }

    @Override
    public void onRequest(InboundSipRequest request) {
        DrainGate d = drain;
        if (d != null && d.refused(request)) {
            return;
        }
        String method = request.request().method().toUpperCase(Locale.ROOT);
        switch (method) {
            case "MESSAGE" -> messages.onRequest(request);
            case "SUBSCRIBE", "NOTIFY", "PUBLISH" -> presence.onRequest(request);
            case "INVITE", "ACK", "BYE", "CANCEL", "PRACK", "UPDATE", "INFO" -> {
                Path c = calls;
                if (c != null) {
                    c.onRequest(request);
                } else {
                    notImplemented(request);
                }
            }
            default -> notImplemented(request);
        }
    }

    private void notImplemented(InboundSipRequest request) {
        // The SIP adapter admits only configured methods; one no path handles is refused
        // here rather than left to time out (RFC 3261 section 8.2.1).
        traffic.count(Traffic.Direction.SIP_TO_XMPP, Traffic.Outcome.RECEIVED);
        traffic.count(Traffic.Direction.SIP_TO_XMPP, Traffic.Outcome.REJECTED);
        request.respond(SipResponse.of(501, "Not Implemented"));
    }

    @Override
    public void onStanza(InboundStanza stanza) {
        DrainGate d = drain;
        if (d != null && d.refused(stanza)) {
            return;
        }
        Path c = calls;
        if (c != null && isCallStanza(stanza.stanza())) {
            c.onStanza(stanza);
        } else if (stanza.stanza() instanceof Message) {
            ChatRoute chat = chats;
            if (chat != null && chat.handles(stanza)) {
                chat.onStanza(stanza); // AMB-C01: a chat message for a session (RFC 7573)
            } else {
                messages.onStanza(stanza);
            }
        } else if (stanza.stanza() instanceof Presence) {
            presence.onStanza(stanza);
        } else {
            // results and errors that answer no request of ours (the adapter takes those that
            // do, and refuses requests no path claims): nothing to translate.
            log.debug("no path for {} from {}", stanza.stanza().getClass().getSimpleName(), stanza.remoteDomain());
        }
    }

    /** A Jingle IQ (the adapter passes only claimed requests, and stray answers) or a JMI message. */
    private static boolean isCallStanza(Stanza s) {
        if (s instanceof IQ iq) {
            return JINGLE.equals(iq.getChildElementNamespace());
        }
        return s instanceof Message && s.hasExtension(JINGLE_MESSAGE);
    }
}

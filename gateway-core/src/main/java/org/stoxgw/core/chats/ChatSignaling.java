package org.stoxgw.core.chats;

import io.netty.util.concurrent.EventExecutor;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;

/**
 * The INVITE dialogs a chat session needs (RFC 7573 §4, §5): place one with an SDP offer, take
 * one that arrives, end one with BYE. Kept this small so the chat path does not depend on how the
 * SIP adapter's INVITE layer ({@code sipadapter.invite}) shapes calls; {@link InviteChatSignaling}
 * implements it over that layer, tests with a fake.
 *
 * <p>Thread contract: {@link Events} are delivered on the loop given (the chat session's), one at
 * a time; methods of {@link Dialog} are called on that loop.
 */
public interface ChatSignaling {

    /**
     * Sends an INVITE ({@code invite.method()} INVITE; From without tag, the SDP offer as body);
     * events follow on {@code loop}, never from inside this call.
     */
    Dialog invite(SipRequest invite, EventExecutor loop, Events events);

    /** One INVITE dialog. */
    interface Dialog {
        String callId();

        /** Ends the dialog (BYE once confirmed, CANCEL before); {@link Events#onEnded} follows. */
        void bye();
    }

    /** An INVITE that arrived for a gateway-served user. */
    interface Incoming extends Dialog {
        /** The INVITE: Request-URI, From, To, Contact, Call-ID, the offer. */
        SipRequest invite();

        EventExecutor loop();

        /** Sets who hears the dialog's events; once, before answering. */
        void listen(Events events);

        /** 200 OK with the answer (CHAT-11). */
        void accept(SipBody answer);

        /** A final failure response (e.g. 488, MSRP-21). */
        void reject(int status, String reason);
    }

    /** What happens to a dialog. */
    interface Events {
        /** UAC: the 2xx (already ACKed, CHAT-06), with the answer SDP. */
        default void onAnswered(SipResponse ok) {
        }

        /** UAS: the ACK arrived. */
        default void onConfirmed() {
        }

        /**
         * The dialog is over: refused ({@code status} ≥ 300, received or sent), timed out (408),
         * failed (503), or ended by BYE ({@code remoteBye} true when the peer sent it, CHAT-08/13).
         */
        void onEnded(int status, String detail, boolean remoteBye);
    }
}

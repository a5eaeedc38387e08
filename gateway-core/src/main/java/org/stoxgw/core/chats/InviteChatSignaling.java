package org.stoxgw.core.chats;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;
import org.stoxgw.sipadapter.invite.Call;
import org.stoxgw.sipadapter.invite.CallEnd;
import org.stoxgw.sipadapter.invite.CallListener;
import org.stoxgw.sipadapter.invite.CallRequest;
import org.stoxgw.sipadapter.invite.IncomingCall;
import org.stoxgw.sipadapter.invite.InviteDialogs;
import org.stoxgw.sipadapter.invite.InviteListener;
import org.stoxgw.sipadapter.invite.OutgoingCall;

/**
 * {@link ChatSignaling} over the SIP adapter's INVITE layer ({@code sipadapter.invite}): an X2S
 * chat is an outgoing call with an MSRP offer (the layer ACKs the 2xx, CHAT-06, and answers BYE with
 * 200, CHAT-08/13); incoming INVITEs with an {@code m=message} offer reach {@link #onIncoming} (the
 * Router sends them here) and go to the {@link ChatPath}.
 *
 * <p>Threading: a call's methods run on the call's loop, so every action hops onto it; events of an
 * outgoing call come on the chat session's loop (it is the call's loop), events of an incoming call
 * on the call's loop (the session hops onto its own).
 */
public final class InviteChatSignaling implements ChatSignaling, InviteListener {
    private final Supplier<InviteDialogs> dialogs;
    private volatile ChatPath path;

    public InviteChatSignaling(Supplier<InviteDialogs> dialogs) {
        this.dialogs = dialogs;
    }

    /** Sets the path incoming INVITEs go to; once, while wiring. */
    public void path(ChatPath p) {
        this.path = p;
    }

    @Override
    public Dialog invite(SipRequest invite, EventExecutor loop, Events events) {
        CallRequest req = new CallRequest(invite.requestUri(), invite.from(), invite.to(), invite.callId(), invite.headers(),
                invite.body());
        OutgoingCall call = dialogs.get().call(req, loop, new CallListener() {
            @Override
            public void onAnswered(Call c, SipResponse response) {
                events.onAnswered(response);
            }

            @Override
            public void onEnded(Call c, CallEnd end) {
                events.onEnded(end.status(), end.detail(), end.cause() == CallEnd.Cause.REMOTE_BYE);
            }
        });
        return new Dialog() {
            @Override
            public String callId() {
                return call.callId();
            }

            @Override
            public void bye() {
                call.loop().execute(() -> call.hangup(Optional.empty()));
            }
        };
    }

    @Override
    public void onIncoming(IncomingCall call) {
        Relay relay = new Relay();
        call.listen(relay); // the layer's contract: a listener before returning
        Incoming in = new Incoming() {
            @Override
            public SipRequest invite() {
                return call.invite();
            }

            @Override
            public EventExecutor loop() {
                return call.loop();
            }

            @Override
            public void listen(Events events) {
                call.loop().execute(() -> relay.target(events));
            }

            @Override
            public void accept(SipBody answer) {
                call.loop().execute(() -> call.accept(answer, SipHeaders.EMPTY));
            }

            @Override
            public void reject(int status, String reason) {
                call.loop().execute(() -> call.reject(status, reason, Optional.empty()));
            }

            @Override
            public String callId() {
                return call.callId();
            }

            @Override
            public void bye() {
                call.loop().execute(() -> call.hangup(Optional.empty()));
            }
        };
        ChatPath p = path;
        if (p == null || !p.onIncoming(in)) {
            call.reject(488, "Not Acceptable Here", Optional.empty());
        }
    }

    /** Holds a call's events until the chat session listens (it starts on its own loop). On the call's loop. */
    private static final class Relay implements CallListener {
        private Events target;
        private final List<Runnable> pending = new ArrayList<>(2);

        void target(Events e) {
            target = e;
            pending.forEach(Runnable::run);
            pending.clear();
        }

        private void deliver(Runnable r) {
            if (target != null) {
                r.run();
            } else {
                pending.add(r);
            }
        }

        @Override
        public void onConfirmed(Call c, SipBody ackBody) {
            deliver(() -> target.onConfirmed());
        }

        @Override
        public void onEnded(Call c, CallEnd end) {
            deliver(() -> target.onEnded(end.status(), end.detail(), end.cause() == CallEnd.Cause.REMOTE_BYE));
        }
    }
}

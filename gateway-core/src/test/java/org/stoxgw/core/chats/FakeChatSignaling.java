package org.stoxgw.core.chats;

import io.netty.util.concurrent.EventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;

/**
 * The SIP side of chat sessions for unit tests: records the INVITEs the path sends and lets the
 * test answer, refuse or BYE them; makes incoming INVITEs and records how the path answered.
 */
final class FakeChatSignaling implements ChatSignaling {

    /** An INVITE the path sent. */
    final class Out implements Dialog {
        final SipRequest invite;
        final EventExecutor loop;
        final Events events;
        volatile boolean byeSent;

        Out(SipRequest invite, EventExecutor loop, Events events) {
            this.invite = invite;
            this.loop = loop;
            this.events = events;
        }

        @Override
        public String callId() {
            return invite.callId();
        }

        @Override
        public void bye() {
            if (!byeSent) {
                byeSent = true;
                byes.add(this);
                loop.execute(() -> events.onEnded(200, "BYE sent", false));
            }
        }

        /** The callee answers 200 with {@code sdp}. */
        void answer(String sdp) {
            loop.execute(() -> events.onAnswered(new SipResponse(200, "OK", SipHeaders.EMPTY,
                    SipBody.of("application/sdp", sdp.getBytes(StandardCharsets.US_ASCII)))));
        }

        void refuse(int status) {
            loop.execute(() -> events.onEnded(status, "refused", false));
        }

        void remoteBye() {
            loop.execute(() -> events.onEnded(200, "BYE received", true));
        }
    }

    /** An INVITE from the SIP side. */
    final class In implements Incoming {
        final SipRequest invite;
        final EventExecutor loop;
        volatile Events events;
        final LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();
        volatile boolean byeSent;

        In(SipRequest invite, EventExecutor loop) {
            this.invite = invite;
            this.loop = loop;
        }

        @Override
        public SipRequest invite() {
            return invite;
        }

        @Override
        public EventExecutor loop() {
            return loop;
        }

        @Override
        public void listen(Events e) {
            events = e;
        }

        @Override
        public void accept(SipBody answer) {
            answers.add("200 " + new String(answer.content(), StandardCharsets.US_ASCII));
        }

        @Override
        public void reject(int status, String reason) {
            answers.add(Integer.toString(status));
        }

        @Override
        public String callId() {
            return invite.callId();
        }

        @Override
        public void bye() {
            if (!byeSent) {
                byeSent = true;
                loop.execute(() -> events.onEnded(200, "BYE sent", false));
            }
        }

        void remoteBye() {
            loop.execute(() -> events.onEnded(200, "BYE received", true));
        }

        String answer() throws InterruptedException {
            String a = answers.poll(10, TimeUnit.SECONDS);
            if (a == null) {
                throw new AssertionError("the INVITE was not answered");
            }
            return a;
        }
    }

    final LinkedBlockingQueue<Out> invites = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Out> byes = new LinkedBlockingQueue<>();

    @Override
    public Dialog invite(SipRequest invite, EventExecutor loop, Events events) {
        Out o = new Out(invite, loop, events);
        invites.add(o);
        return o;
    }

    Out nextInvite() throws InterruptedException {
        Out o = invites.poll(10, TimeUnit.SECONDS);
        if (o == null) {
            throw new AssertionError("no INVITE was sent");
        }
        return o;
    }

    In incoming(String from, String to, String contact, String callId, String sdp, EventExecutor loop) {
        SipHeaders h = contact == null ? SipHeaders.EMPTY : SipHeaders.of("Contact", contact);
        return new In(new SipRequest("INVITE", to, NameAddress.parse("<" + from + ">;tag=ft1"), NameAddress.parse("<" + to + ">"), callId, 1, h,
                SipBody.of("application/sdp", sdp.getBytes(StandardCharsets.US_ASCII))), loop);
    }
}

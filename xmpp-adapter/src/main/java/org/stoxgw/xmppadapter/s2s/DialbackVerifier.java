package org.stoxgw.xmppadapter.s2s;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.stoxgw.xmppadapter.stanza.Jids;
import org.stoxgw.xmppadapter.stream.Namespaces;
import org.stoxgw.xmppadapter.stream.StreamElements;
import org.stoxgw.xmppadapter.stream.XmlFrame;

/**
 * The Receiving Server's check of a dialback key (XEP-0220 §2.2.2): a fresh stream to the claimed
 * domain's authoritative server (resolved like any remote domain, so a spoofer cannot choose where
 * the question goes), STARTTLS when offered, then {@code db:verify} with the key and our stream id,
 * and the server's valid/invalid answer. Bounded by twice the negotiation timeout. The future
 * completes on the given event loop and never fails.
 */
final class DialbackVerifier {
    enum Outcome { VALID, INVALID, ERROR }

    /**
     * @param notFound for an error: the authoritative server could not be resolved
     */
    record Result(Outcome outcome, String detail, boolean notFound) { }

    private final XmppRuntime rt;

    DialbackVerifier(XmppRuntime rt) {
        this.rt = rt;
    }

    /**
     * @param local    the gateway domain the key was presented to (receiving server)
     * @param remote   the domain that claims it (originating server)
     * @param streamId the id of the inbound stream the key came on
     */
    Future<Result> verify(EventLoop loop, String local, String remote, String streamId, String key) {
        Promise<Result> result = loop.newPromise();
        OutboundS2sHandler[] stream = new OutboundS2sHandler[1];
        long limit = rt.settings.timeouts().negotiation().toMillis() * 2;
        ScheduledFuture<?> timer = loop.schedule(() -> result.trySuccess(
                new Result(Outcome.ERROR, "no answer from the authoritative server of " + remote, false)),
                limit, TimeUnit.MILLISECONDS);
        result.addListener(f -> {
            timer.cancel(false);
            if (stream[0] != null) {
                stream[0].close();
            }
        });
        rt.connector.open(loop, local, remote, OutboundS2sHandler.Purpose.VERIFY, new StreamListener<OutboundS2sHandler>() {
            @Override
            public void ready(OutboundS2sHandler s) {
                stream[0] = s;
                if (result.isDone()) {
                    s.close();
                    return;
                }
                s.send(StreamElements.dialback("verify", local, remote, streamId, null, key),
                        "<db:verify from='" + local + "' to='" + remote + "' id='" + streamId + "'>(key hidden)</db:verify>");
            }

            @Override
            public void failed(ConnectFailure failure) {
                result.trySuccess(new Result(Outcome.ERROR, failure.detail(), failure.resolution()));
            }

            @Override
            public void closed(OutboundS2sHandler s) {
                result.trySuccess(new Result(Outcome.ERROR, "the authoritative server of " + remote
                        + " closed the stream without an answer", false));
            }

            @Override
            public void frame(OutboundS2sHandler s, XmlFrame f) {
                if (!f.is("verify", Namespaces.DIALBACK) || !streamId.equals(f.id())
                        || !remote.equals(Jids.normalizeDomain(f.from()))) {
                    return;
                }
                Outcome o = "valid".equals(f.type()) ? Outcome.VALID
                        : "invalid".equals(f.type()) ? Outcome.INVALID : Outcome.ERROR;
                result.trySuccess(new Result(o, "authoritative server says " + f.type(), false));
            }
        });
        return result;
    }
}

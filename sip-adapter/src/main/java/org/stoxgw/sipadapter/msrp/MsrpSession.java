package org.stoxgw.sipadapter.msrp;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.mapping.sip.MsrpMedia;
import org.stoxgw.mapping.sip.MsrpPath;
import org.stoxgw.mapping.sip.MsrpUri;

/**
 * One MSRP session (RFC 4975 §5): the gateway's URI, the peer's path once the SDP exchange is
 * done, the connection it is bound to, outgoing messages (one at a time, chunked, each chunk's
 * transaction timed, MSRP-09), incoming reassembly and REPORTs.
 *
 * <p>Thread: everything runs on {@link #loop()}; public methods may be called from any thread and
 * hop onto it. Limits: outgoing messages wait in an unbounded-by-count queue the owner bounds
 * (gateway.chat.max-queued); incoming reassembly is bounded by {@link MsrpSettings#maxMessageSize()}
 * and {@link MsrpSettings#maxPartial()}.
 */
public final class MsrpSession {
    private static final Logger log = LoggerFactory.getLogger(MsrpSession.class);

    private final MsrpEndpoint endpoint;
    private final EventLoop loop;
    private final MsrpUri own;
    private final MsrpPath advertised;
    private final MsrpSessionListener listener;
    private final MsrpReassembler reassembler;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>(4);
    private final Map<String, Outgoing> byTid = new HashMap<>(4);
    private final CompletableFuture<Void> bound = new CompletableFuture<>();
    private MsrpMedia remote;
    private MsrpConnection connection;
    private Outgoing sending;
    private boolean closed;
    private long lastActivity = System.nanoTime();
    private ScheduledFuture<?> keepAliveTask;

    MsrpSession(MsrpEndpoint endpoint, EventLoop loop, MsrpUri own, MsrpPath advertised, MsrpSessionListener listener) {
        this.endpoint = endpoint;
        this.loop = loop;
        this.own = own;
        this.advertised = advertised;
        this.listener = listener;
        this.reassembler = new MsrpReassembler(endpoint.settings().maxMessageSize(), endpoint.settings().maxPartial());
    }

    public EventLoop loop() {
        return loop;
    }

    /** The gateway's own URI for this session (the endpoint of the path). */
    public MsrpUri ownUri() {
        return own;
    }

    /** The path to advertise in SDP: the relay's Use-Path (if any), then {@link #ownUri()}. */
    public MsrpPath localPath() {
        return advertised;
    }

    /** The SDP media section for an offer or answer from this session (MSRP-19, CHAT-26). */
    public MsrpMedia localMedia(MsrpMedia.Setup setup) {
        MsrpSettings s = endpoint.settings();
        return new MsrpMedia(advertised, s.acceptTypes(), List.of(), s.maxMessageSize(), setup);
    }

    /** The peer's media, once known. */
    public MsrpMedia remote() {
        return remote;
    }

    /** Completes when the session is bound to a connection (MSRP-16/17). */
    public CompletionStage<Void> bound() {
        return bound;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Sets the peer's media from the SDP exchange and, when this side is the active one,
     * connects (reusing a connection to the same host, port and scheme, RFC 4975 §5.4) and sends
     * the empty SEND that binds the connection (MSRP-16, AMB-C10).
     */
    public CompletionStage<Void> start(MsrpMedia remoteMedia, boolean connect) {
        loop.execute(() -> {
            remote = remoteMedia;
            if (closed) {
                bound.completeExceptionally(new IllegalStateException("session closed"));
                return;
            }
            if (!connect) {
                return; // passive: bound by the peer's first request (MSRP-17)
            }
            MsrpUri nextHop = endpoint.relayConnection().isPresent() ? null : remote.path().first();
            CompletionStage<MsrpConnection> c = nextHop == null
                    ? CompletableFuture.completedFuture(endpoint.relayConnection().get())
                    : endpoint.connectionTo(nextHop);
            c.whenComplete((conn, err) -> loop.execute(() -> {
                if (err != null) {
                    fail("connect to " + nextHop + " failed: " + err.getMessage());
                    return;
                }
                if (closed) {
                    return;
                }
                // MSRP-16, AMB-C10: the bodiless SEND that binds the connection goes before anything queued
                queue.addFirst(new Outgoing(MsrpIds.messageId(), "", null, false, new CompletableFuture<>()));
                bindTo(conn);
            }));
        });
        return bound;
    }

    /** Binds this session to {@code conn}; false if bound to another one already (MSRP-17: 506). */
    boolean bindTo(MsrpConnection conn) {
        if (connection != null) {
            return connection == conn;
        }
        connection = conn;
        conn.attach(this);
        bound.complete(null);
        scheduleKeepAlive();
        pump();
        return true;
    }

    MsrpConnection connection() {
        return connection;
    }

    /**
     * Sends one message: chunked per {@link MsrpSettings#chunkSize()}, after the messages sent
     * before it. {@code contentType} "" with null content is the bodiless SEND. The stage
     * completes on the session's loop.
     */
    public CompletionStage<SendOutcome> send(String contentType, byte[] content, boolean successReport) {
        CompletableFuture<SendOutcome> f = new CompletableFuture<>();
        loop.execute(() -> {
            String mid = MsrpIds.messageId();
            if (closed) {
                f.complete(new SendOutcome(mid, 481, "session closed"));
                return;
            }
            if (content != null && remote != null && remote.maxSize() >= 0 && content.length > remote.maxSize()) {
                f.complete(new SendOutcome(mid, 413, "larger than the peer's a=max-size " + remote.maxSize()));
                return;
            }
            queue.add(new Outgoing(mid, contentType, content, successReport, f));
            pump();
        });
        return f;
    }

    /** Sends a REPORT for a received message (MSRP-10, CHAT-21): {@code Status: 000 <status>}. */
    public void report(String messageId, long totalBytes, int status, String comment) {
        loop.execute(() -> {
            if (closed || connection == null) {
                return;
            }
            MsrpHeaders h = paths().add(MsrpHeaders.MESSAGE_ID, messageId)
                    .add(MsrpHeaders.BYTE_RANGE, totalBytes == 0 ? "1-0/0" : "1-" + totalBytes + "/" + totalBytes)
                    .add(MsrpHeaders.STATUS, "000 " + status + " " + comment).build();
            // MSRP-11: a REPORT carries no Success-Report/Failure-Report and gets no response
            connection.write(MsrpFrame.request(MsrpIds.transactionId(), "REPORT", h, null, MsrpFrame.COMPLETE));
            lastActivity = System.nanoTime();
        });
    }

    /** Ends the session; messages still queued or in flight complete with 481. */
    public void close(String reason) {
        loop.execute(() -> fail(reason));
    }

    // ---- inbound, called on the loop by the connection ----

    void onRequest(MsrpFrame f) {
        lastActivity = System.nanoTime();
        String fr = f.failureReport();
        if ("REPORT".equals(f.method())) {
            String[] st = f.headers().get(MsrpHeaders.STATUS).orElse("000 200").trim().split(" ", 3);
            int code = st.length > 1 ? parseInt(st[1]) : 0;
            f.messageId().ifPresent(id -> listener.onReport(this, id, code, st.length > 2 ? st[2] : ""));
            return;
        }
        if (!"SEND".equals(f.method())) {
            respond(f, 501, "Method not understood", fr);
            return;
        }
        String mid = f.messageId().orElse(null);
        if (mid == null) {
            respond(f, 400, "no Message-ID", fr);
            return;
        }
        if (f.body() == null && !f.truncated()) {
            respond(f, 200, "OK", fr); // bind or keep-alive SEND
            return;
        }
        if (!f.truncated() && !accepted(f.contentType())) {
            respond(f, 415, "Unsupported media type", fr); // MSRP-14
            return;
        }
        MsrpReassembler.Result r = f.truncated()
                ? reassembler.accept(mid, new ByteRange(1, -1, endpoint.settings().maxMessageSize() + 1), null, '+', "")
                : reassembler.accept(mid, f.byteRange().orElse(null), f.body(), f.flag(), f.contentType());
        switch (r.outcome()) {
            case TOO_LARGE, IGNORED -> respond(f, 413, "Message too large", fr); // CHAT-27, C14
            case TOO_MANY -> respond(f, 413, "Too many messages in progress", fr);
            case ABORTED, INCOMPLETE -> respond(f, 200, "OK", fr);
            case COMPLETE -> {
                respond(f, 200, "OK", fr);
                listener.onMessage(this, mid, r.contentType(), r.content(), f.successReport());
            }
        }
    }

    void onResponse(MsrpFrame f) {
        lastActivity = System.nanoTime();
        Outgoing o = byTid.remove(f.tid());
        if (o != null) {
            o.answered(f.status(), f.comment());
        }
    }

    void connectionLost(String why) {
        connection = null;
        fail("MSRP connection lost: " + why);
    }

    private boolean accepted(String type) {
        for (String a : endpoint.settings().acceptTypes()) {
            if (a.equals("*") || a.equalsIgnoreCase(type)
                    || (a.endsWith("/*") && type.startsWith(a.substring(0, a.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private void respond(MsrpFrame f, int status, String comment, String failureReport) {
        // MSRP-08: "no" → never a response; "partial" → only failures; "yes" → always
        if (failureReport.equals("no") || (failureReport.equals("partial") && status == 200) || connection == null) {
            return;
        }
        connection.write(MsrpFrame.response(f, status, comment, own.toString()));
    }

    // ---- outbound ----

    private MsrpHeaders.Builder paths() {
        MsrpPath to = remote.path();
        if (endpoint.relayUsePath().isPresent()) {
            to = endpoint.relayUsePath().get().concat(to); // RFC 4976 §7.1: our relays first
        }
        return MsrpHeaders.builder().add(MsrpHeaders.TO_PATH, to.toString()).add(MsrpHeaders.FROM_PATH, own.toString());
    }

    /** Starts the next message when none is being sent. */
    private void pump() {
        if (sending != null || connection == null || closed) {
            return;
        }
        sending = queue.poll();
        if (sending != null) {
            sendChunk(sending);
        }
    }

    private void sendChunk(Outgoing o) {
        if (closed || connection == null) {
            return;
        }
        if (o.stopped) {
            return;
        }
        MsrpChunker.Chunk c = o.chunks.get(o.next++);
        String tid = MsrpIds.transactionId();
        String fr = o.bind ? "yes" : endpoint.settings().failureReport();
        MsrpHeaders.Builder h = paths().add(MsrpHeaders.MESSAGE_ID, o.messageId).add(MsrpHeaders.BYTE_RANGE, c.range().toString());
        if (o.successReport) {
            h.add(MsrpHeaders.SUCCESS_REPORT, "yes");
        }
        if (!fr.equals("yes")) {
            h.add(MsrpHeaders.FAILURE_REPORT, fr);
        }
        byte[] body = null;
        if (o.content != null) {
            h.add(MsrpHeaders.CONTENT_TYPE, o.contentType); // MSRP-02: last
            body = java.util.Arrays.copyOfRange(o.content, c.offset(), c.offset() + c.length());
        }
        MsrpFrame frame = MsrpFrame.request(tid, "SEND", h.build(), body, c.last() ? MsrpFrame.COMPLETE : MsrpFrame.CONTINUED);
        boolean expectResponse = !fr.equals("no");
        if (expectResponse) {
            byTid.put(tid, o);
            o.outstanding++;
            o.timers.add(loop.schedule(() -> {
                if (byTid.remove(tid) != null) {
                    o.answered(408, "no response in " + endpoint.settings().responseTimeout()); // MSRP-09/23
                }
            }, endpoint.settings().responseTimeout().toMillis(), TimeUnit.MILLISECONDS));
        }
        lastActivity = System.nanoTime();
        connection.write(frame).addListener(w -> loop.execute(() -> {
            if (!w.isSuccess()) {
                o.finish(new SendOutcome(o.messageId, 408, "write failed: " + w.cause()));
                return;
            }
            if (o.next < o.chunks.size()) {
                sendChunk(o); // the next chunk once this one is written: a 413 stops the rest (MSRP-22)
            } else {
                o.written = true;
                if (sending == o) {
                    sending = null; // the next message may start: chunks stay in order on the connection
                }
                if (!expectResponse) {
                    o.finish(new SendOutcome(o.messageId, 200, "written"));
                } else if (o.outstanding == 0) {
                    o.finish(new SendOutcome(o.messageId, 200, "OK"));
                }
                pump();
            }
        }));
    }

    private void scheduleKeepAlive() {
        long every = endpoint.settings().keepAlive().toMillis();
        if (every <= 0 || keepAliveTask != null) {
            return;
        }
        keepAliveTask = loop.scheduleAtFixedRate(() -> {
            if (!closed && System.nanoTime() - lastActivity >= TimeUnit.MILLISECONDS.toNanos(every) && sending == null) {
                send("", null, false).thenAccept(out -> {
                    if (!out.ok()) {
                        fail("keep-alive SEND answered " + out.status() + " " + out.comment());
                    }
                });
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    private void fail(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        if (keepAliveTask != null) {
            keepAliveTask.cancel(false);
        }
        java.util.LinkedHashSet<Outgoing> pending = new java.util.LinkedHashSet<>(byTid.values());
        if (sending != null) {
            pending.add(sending);
        }
        pending.addAll(queue);
        queue.clear();
        byTid.clear();
        sending = null;
        for (Outgoing o : pending) {
            o.finish(new SendOutcome(o.messageId, 481, reason)); // MSRP-18: nothing lost in silence
        }
        reassembler.clear();
        bound.completeExceptionally(new IllegalStateException(reason));
        MsrpConnection c = connection;
        connection = null;
        endpoint.sessionEnded(this, c);
        log.debug("MSRP session {} ended: {}", own, reason);
        listener.onClosed(this, reason);
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** One message being sent. */
    private final class Outgoing {
        final String messageId;
        final String contentType;
        final byte[] content;
        final boolean successReport;
        final boolean bind;
        final CompletableFuture<SendOutcome> result;
        final List<MsrpChunker.Chunk> chunks;
        final List<ScheduledFuture<?>> timers = new ArrayList<>(1);
        int next;
        int outstanding;
        boolean written;
        boolean stopped;

        Outgoing(String messageId, String contentType, byte[] content, boolean successReport,
                 CompletableFuture<SendOutcome> result) {
            this.messageId = messageId;
            this.contentType = contentType;
            this.content = content;
            this.successReport = successReport;
            this.bind = content == null;
            this.result = result;
            this.chunks = MsrpChunker.split(content == null ? 0 : content.length, endpoint.settings().chunkSize());
        }

        void answered(int status, String comment) {
            outstanding--;
            if (status != 200) {
                finish(new SendOutcome(messageId, status, comment)); // MSRP-22: stop the rest on 413 (and any error)
            } else if (written && outstanding == 0) {
                finish(new SendOutcome(messageId, 200, "OK"));
            }
        }

        void finish(SendOutcome out) {
            if (result.isDone()) {
                return;
            }
            stopped = true;
            timers.forEach(t -> t.cancel(false));
            byTid.values().removeIf(x -> x == this);
            result.complete(out);
            if (sending == this) {
                sending = null;
                pump();
            }
        }
    }
}

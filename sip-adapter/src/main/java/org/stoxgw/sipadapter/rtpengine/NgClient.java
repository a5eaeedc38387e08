package org.stoxgw.sipadapter.rtpengine;

import com.dampcake.bencode.Bencode;
import com.dampcake.bencode.BencodeException;
import com.dampcake.bencode.Type;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of rtpengine's ng control protocol over UDP: each command is a bencoded dictionary
 * after a cookie and a space, and the reply carries the same cookie. A command without a reply
 * after {@code timeout} is sent again, byte for byte with the same cookie (rtpengine keeps the
 * replies of recent cookies, so a retransmitted offer is not carried out twice), up to
 * {@code retries} times, then fails {@link NgException.Kind#UNAVAILABLE}. A reply with
 * {@code result = error} fails {@link NgException.Kind#REFUSED} with rtpengine's
 * {@code error-reason}; a {@code warning} is logged.
 *
 * <p>The socket is connected to rtpengine: datagrams from anyone else are dropped by the kernel,
 * and a stopped rtpengine shows as ICMP port-unreachable, counted in {@link #unreachable}.
 *
 * <p>Limits: at most {@code maxPending} commands wait at once (beyond: UNAVAILABLE at once); a
 * datagram holds one command (rtpengine reads 64 KiB at most). Threading: {@link #command} from any
 * thread; everything else runs on the client's one event loop, where the stages also complete.
 */
public final class NgClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NgClient.class);
    private static final Bencode BENCODE = new Bencode(StandardCharsets.UTF_8);
    /** rtpengine's receive buffer for one ng datagram. */
    static final int MAX_DATAGRAM = 65_000;

    private final InetSocketAddress server;
    private final Duration timeout;
    private final int retries;
    private final int maxPending;
    private final EventLoop loop;
    private final String cookiePrefix;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentHashMap<String, Request> pending = new ConcurrentHashMap<>();
    private volatile Channel channel;

    /** Commands sent (retransmissions not counted), replies matched, commands that got none. */
    final LongAdder sent = new LongAdder();
    final LongAdder replies = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder retransmissions = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder unreachable = new LongAdder();

    private final class Request {
        final String cookie;
        final String command;
        final byte[] datagram;
        final CompletableFuture<Map<String, Object>> future = new CompletableFuture<>();
        int attempts;
        ScheduledFuture<?> timer;

        Request(String cookie, String command, byte[] datagram) {
            this.cookie = cookie;
            this.command = command;
            this.datagram = datagram;
        }
    }

    /**
     * @param server     rtpengine's {@code --listen-ng} address
     * @param loop       the event loop that owns the socket and the timers
     * @param timeout    wait for a reply before sending again
     * @param retries    how many times a command is sent again
     * @param maxPending commands waiting at once
     */
    public NgClient(InetSocketAddress server, EventLoop loop, Duration timeout, int retries, int maxPending) {
        this.server = server;
        this.loop = loop;
        this.timeout = timeout;
        this.retries = retries;
        this.maxPending = maxPending;
        byte[] r = new byte[4];
        new SecureRandom().nextBytes(r);
        // distinct per client, so two gateways (or a restart) never reuse a cookie rtpengine still remembers
        this.cookiePrefix = HexFormat.of().formatHex(r) + "_";
    }

    /** Opens the socket (bound to an ephemeral port, connected to rtpengine). */
    public void start() throws InterruptedException {
        Channel ch = new Bootstrap().group(loop).channel(NioDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                        onDatagram(p.content());
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        // PortUnreachableException: rtpengine is not listening (the channel stays open)
                        unreachable.increment();
                        log.debug("ng socket to {}: {}", server, cause.toString());
                    }
                })
                .connect(server).sync().channel();
        channel = ch;
    }

    /** The address commands go to. */
    public InetSocketAddress server() {
        return server;
    }

    /** Commands waiting for their reply now. */
    public int pending() {
        return pending.size();
    }

    /**
     * Sends {@code request} (it must hold {@code command}); completes with the reply dictionary
     * ({@code result} is {@code ok} or {@code pong}), or fails with an {@link NgException}.
     */
    public CompletionStage<Map<String, Object>> command(Map<String, Object> request) {
        Channel ch = channel;
        String command = String.valueOf(request.get("command"));
        if (ch == null || !ch.isOpen()) {
            return failed(NgException.Kind.UNAVAILABLE, "the ng client for " + server + " is not running");
        }
        if (pending.size() >= maxPending) {
            return failed(NgException.Kind.UNAVAILABLE, maxPending + " ng commands already wait for rtpengine at " + server);
        }
        String cookie = cookiePrefix + sequence.incrementAndGet();
        byte[] body = BENCODE.encode(request);
        byte[] c = (cookie + " ").getBytes(StandardCharsets.US_ASCII);
        if (c.length + body.length > MAX_DATAGRAM) {
            return failed(NgException.Kind.REFUSED, "the " + command + " command is larger than one ng datagram ("
                    + (c.length + body.length) + " bytes)");
        }
        byte[] datagram = new byte[c.length + body.length];
        System.arraycopy(c, 0, datagram, 0, c.length);
        System.arraycopy(body, 0, datagram, c.length, body.length);
        Request r = new Request(cookie, command, datagram);
        pending.put(cookie, r);
        sent.increment();
        loop.execute(() -> transmit(r));
        return r.future;
    }

    private void transmit(Request r) {
        if (r.future.isDone()) {
            return;
        }
        r.attempts++;
        if (r.attempts > 1) {
            retransmissions.increment();
        }
        Channel ch = channel;
        if (ch != null) {
            ch.writeAndFlush(Unpooled.wrappedBuffer(r.datagram));
        }
        r.timer = loop.schedule(() -> {
            if (r.future.isDone()) {
                return;
            }
            if (r.attempts <= retries) {
                transmit(r);
            } else if (pending.remove(r.cookie, r)) {
                timeouts.increment();
                r.future.completeExceptionally(new NgException(NgException.Kind.UNAVAILABLE, "rtpengine at " + server
                        + " did not answer " + r.command + " (" + r.attempts + " attempts, " + timeout.toMillis() + " ms each)"));
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void onDatagram(ByteBuf content) {
        byte[] b = new byte[content.readableBytes()];
        content.readBytes(b);
        int space = indexOf(b, (byte) ' ');
        if (space <= 0) {
            log.debug("ng datagram without a cookie from {} ({} bytes): dropped", server, b.length);
            return;
        }
        String cookie = new String(b, 0, space, StandardCharsets.US_ASCII);
        Request r = pending.remove(cookie);
        if (r == null) {
            // a late reply to a retransmitted or timed-out command
            log.debug("ng reply for unknown cookie {}: dropped", cookie);
            return;
        }
        if (r.timer != null) {
            r.timer.cancel(false);
        }
        replies.increment();
        Map<String, Object> reply;
        try {
            byte[] dict = new byte[b.length - space - 1];
            System.arraycopy(b, space + 1, dict, 0, dict.length);
            reply = BENCODE.decode(dict, Type.DICTIONARY);
        } catch (BencodeException | IllegalArgumentException | ClassCastException e) {
            errors.increment();
            r.future.completeExceptionally(new NgException(NgException.Kind.BAD_REPLY,
                    "rtpengine's reply to " + r.command + " is not a bencoded dictionary: " + e.getMessage()));
            return;
        }
        Object result = reply.get("result");
        if ("ok".equals(result) || "pong".equals(result)) {
            Object warning = reply.get("warning");
            if (warning != null) {
                // e.g. "Call-ID not found" for a second delete: not a failure, but worth a line
                log.info("rtpengine at {} warns about {}: {}", server, r.command, warning);
            }
            r.future.complete(reply);
        } else if ("error".equals(result)) {
            errors.increment();
            r.future.completeExceptionally(new NgException(NgException.Kind.REFUSED,
                    "rtpengine refused " + r.command + ": " + reply.getOrDefault("error-reason", "(no reason given)")));
        } else {
            errors.increment();
            r.future.completeExceptionally(new NgException(NgException.Kind.BAD_REPLY,
                    "rtpengine's reply to " + r.command + " has result " + result));
        }
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length && i < 256; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static CompletionStage<Map<String, Object>> failed(NgException.Kind kind, String message) {
        return CompletableFuture.failedFuture(new NgException(kind, message));
    }

    /** Fails every waiting command and closes the socket. */
    @Override
    public void close() {
        Channel ch = channel;
        channel = null;
        pending.values().forEach(r -> {
            if (pending.remove(r.cookie, r)) {
                r.future.completeExceptionally(new NgException(NgException.Kind.UNAVAILABLE, "the ng client is stopping"));
            }
        });
        if (ch != null) {
            ch.close().awaitUninterruptibly(1000);
        }
    }
}

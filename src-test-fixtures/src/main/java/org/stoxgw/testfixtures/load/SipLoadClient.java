package org.stoxgw.testfixtures.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntFunction;

/**
 * A fast SIP UAC for load tests: sends MESSAGE requests over UDP at a set rate from one socket and
 * behaves like a proper non-INVITE client transaction (RFC 3261 §17.1.2): it retransmits at T1,
 * doubling up to T2 (Timer E) until a final response arrives, and gives up after 64*T1 (Timer F).
 * Each body carries the {@link Deliveries} marker so the receivers measure latency and loss.
 *
 * <p>Threads: the caller's (pacing and sending), one response reader and one retransmitter.
 * One run at a time.
 */
public final class SipLoadClient implements AutoCloseable {
    static final long T1 = 500_000_000L;
    static final long T2 = 4_000_000_000L;
    static final long TIMER_F = 64 * T1;

    private final DatagramChannel channel;
    private final String via;
    private final String localHost;
    private final Thread reader;
    private volatile Run current;
    private volatile boolean closed;

    /** Binds {@code localIp} (any free port) and sends to {@code gateway}. */
    public SipLoadClient(String localIp, InetSocketAddress gateway) {
        try {
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            channel.bind(new InetSocketAddress(localIp, 0));
            channel.connect(gateway);
            int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            localHost = localIp;
            via = "SIP/2.0/UDP " + localIp + ":" + port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reader = new Thread(this::readResponses, "sip-load-responses");
        reader.setDaemon(true);
        reader.start();
    }

    /** What came back for one run. */
    public record Result(int sent, int retransmissions, Map<Integer, Integer> finals, int timedOut) {
        public int answered() {
            return finals.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * Sends {@code total} MESSAGEs at {@code rate}/s to the users {@code target} names (e.g.
     * {@code "r3@xmpp.test"}), then waits until each has its final response or timed out.
     */
    public Result run(int run, int rate, int total, IntFunction<String> target) {
        Run r = new Run(run, total, target);
        current = r;
        Thread retransmitter = new Thread(r::retransmitLoop, "sip-load-retransmit");
        retransmitter.setDaemon(true);
        retransmitter.start();
        Pacer pacer = new Pacer(rate, total);
        int seq = 0;
        while (!pacer.done()) {
            for (int n = pacer.due(); n > 0; n--, seq++) {
                r.sendNanos[seq] = System.nanoTime();
                r.write(seq);
                r.sent = seq + 1;
                synchronized (r.queues[0]) {
                    r.queues[0].add(seq);
                }
            }
        }
        long deadline = System.nanoTime() + TIMER_F + 2_000_000_000L;
        while (r.open() > 0 && System.nanoTime() < deadline) {
            sleep(20);
        }
        r.stop = true;
        try {
            retransmitter.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<Integer, Integer> finals = new TreeMap<>();
        int open = 0;
        for (int i = 0; i < total; i++) {
            int s = r.status.get(i);
            if (s == 0) {
                open++;
            } else {
                finals.merge(s, 1, Integer::sum);
            }
        }
        return new Result(r.sent, r.retransmissions, finals, open);
    }

    private void readResponses() {
        ByteBuffer b = ByteBuffer.allocate(65536);
        while (!closed) {
            try {
                b.clear();
                channel.receive(b);
                Run r = current;
                if (r != null) {
                    r.response(b.array(), b.position());
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** State of one run. */
    private final class Run {
        final int run;
        final IntFunction<String> target;
        final long[] sendNanos;
        final AtomicIntegerArray status;
        @SuppressWarnings("unchecked")
        final ArrayDeque<Integer>[] queues = new ArrayDeque[12];
        final long[] dueAfter = new long[12];
        volatile int sent;
        volatile boolean stop;
        int retransmissions;

        Run(int run, int total, IntFunction<String> target) {
            this.run = run;
            this.target = target;
            this.sendNanos = new long[total];
            this.status = new AtomicIntegerArray(total);
            long interval = T1;
            long at = 0;
            for (int g = 0; g < queues.length; g++) {
                queues[g] = new ArrayDeque<>();
                at += interval;
                dueAfter[g] = at;
                interval = Math.min(interval * 2, T2);
            }
        }

        int open() {
            int n = 0;
            for (int i = 0; i < sent; i++) {
                if (status.get(i) == 0 && System.nanoTime() - sendNanos[i] < TIMER_F) {
                    n++;
                }
            }
            return n + (sendNanos.length - sent);
        }

        void write(int seq) {
            String user = target.apply(seq);
            String body = Deliveries.body(run, seq, sendNanos[seq]);
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            String request = "MESSAGE sip:" + user + " SIP/2.0\r\n"
                    + "Via: " + via + ";branch=z9hG4bK-ld" + run + "-" + seq + ";rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:u" + (seq % 100) + "@sip.test>;tag=ld" + seq + "\r\n"
                    + "To: <sip:" + user + ">\r\n"
                    + "Call-ID: ld" + run + "-" + seq + "@" + localHost + "\r\n"
                    + "CSeq: 1 MESSAGE\r\n"
                    + "Content-Type: text/plain\r\n"
                    + "Content-Length: " + content.length + "\r\n\r\n" + body;
            try {
                channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                // a full socket buffer or ICMP error: the retransmission timer covers it
            }
        }

        /** Timer E and F for every open transaction, oldest first per generation. */
        void retransmitLoop() {
            while (!stop) {
                long now = System.nanoTime();
                for (int g = queues.length - 1; g >= 0; g--) {
                    ArrayDeque<Integer> q = queues[g];
                    while (true) {
                        Integer seq;
                        synchronized (queues[0]) {
                            seq = q.peek();
                            if (seq == null || now - sendNanos[seq] < dueAfter[g]) {
                                break;
                            }
                            q.poll();
                        }
                        if (status.get(seq) != 0 || now - sendNanos[seq] >= TIMER_F || g + 1 >= queues.length) {
                            continue;
                        }
                        write(seq);
                        retransmissions++;
                        synchronized (queues[0]) {
                            queues[g + 1].add(seq);
                        }
                    }
                }
                sleep(5);
            }
        }

        void response(byte[] b, int n) {
            if (n < 12 || b[0] != 'S') {
                return;
            }
            int code = (b[8] - '0') * 100 + (b[9] - '0') * 10 + (b[10] - '0');
            if (code < 200) {
                return;
            }
            String text = new String(b, 0, n, StandardCharsets.US_ASCII);
            String marker = "branch=z9hG4bK-ld" + run + "-";
            int i = text.indexOf(marker);
            if (i < 0) {
                return;
            }
            int seq = 0;
            for (i += marker.length(); i < n && Character.isDigit(text.charAt(i)); i++) {
                seq = seq * 10 + (text.charAt(i) - '0');
            }
            if (seq < status.length()) {
                status.compareAndSet(seq, 0, code);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // closing
        }
    }
}

package org.stoxgw.sipadapter.stack;

import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.util.LinkedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoxgw.sipadapter.inbound.ThrottledLog;

/**
 * JAIN-SIP's UDP listening point, read by a Netty event loop (performance, docs/DECISIONS.md P-02).
 * JAIN-SIP's own processor reads each datagram into a fresh 64 KiB array on a thread of its own and
 * queues it to a pool that parses it: two hand-offs per datagram and one more to the session's event
 * loop. Here the socket is a non-blocking channel registered on one of the gateway's event loops; each
 * datagram is copied into one reused buffer, retransmissions that their transaction absorbs anyway are
 * dropped ({@link UdpRetransmissions}), and the rest is processed on the loop with JAIN-SIP's own code
 * ({@code UDPMessageChannel.processIncomingDataPacket}: parse, required headers, {@code received} and
 * {@code rport}, the transaction layer, the valve and the listener). A session created by the listener
 * stays on this loop, so a request needs no hand-off at all. JAIN-SIP sends through the same channel
 * ({@link ChannelDatagramSocket}). Everything after the read is unchanged JAIN-SIP behaviour; none of
 * it blocks (no DNS, no connects: those are TCP/TLS, on their own threads).
 *
 * <p>Threads: the event loop given by {@link StackContext#udpLoops()}; {@link #stop()} closes the channel.
 */
final class InlineUdpMessageProcessor extends UDPMessageProcessor {
    private static final Logger log = LoggerFactory.getLogger(InlineUdpMessageProcessor.class);
    /** The largest UDP payload (65,535 bytes minus IP and UDP headers). */
    private static final int MAX_DATAGRAM = 65_507;
    private static final MethodHandle PROCESS = processMethod();
    private final ThrottledLog warnings = new ThrottledLog(log, java.util.concurrent.TimeUnit.SECONDS.toNanos(10));

    private final EventLoop loop;
    private final UdpRetransmissions retransmissions;
    private final LeanUdpTransactions lean;
    private NioDatagramChannel channel;

    InlineUdpMessageProcessor(InetAddress address, SIPTransactionStack stack, int port, EventLoop loop,
                              UdpRetransmissions retransmissions, LeanUdpTransactions lean) throws IOException {
        super(address, stack, port);
        this.loop = loop;
        this.retransmissions = retransmissions;
        this.lean = lean;
    }

    /** Sends a datagram from this listening point (the adapter's own UDP client transactions). */
    void sendDatagram(byte[] bytes, java.net.InetSocketAddress to) throws IOException {
        sock.send(new DatagramPacket(bytes, bytes.length, to));
    }

    /** JAIN-SIP's datagram processing, which it keeps private to its pool threads. */
    private static MethodHandle processMethod() {
        try {
            return MethodHandles.privateLookupIn(UDPMessageChannel.class, MethodHandles.lookup()).findVirtual(
                    UDPMessageChannel.class, "processIncomingDataPacket", MethodType.methodType(void.class, DatagramPacket.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("JAIN-SIP without UDPMessageChannel.processIncomingDataPacket: " + e);
        }
    }

    @Override
    public void start() throws IOException {
        isRunning = true;
        messageChannels = new LinkedList<>();
        UDPMessageChannel jainChannel = (UDPMessageChannel) createMessageChannel(getIpAddress(), getPort());
        NioDatagramChannel ch = new NioDatagramChannel(((ChannelDatagramSocket) sock).channel());
        ch.config().setOption(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM));
        ch.pipeline().addLast(new Reader(jainChannel));
        try {
            loop.register(ch).sync();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while registering UDP " + getPort());
        }
        channel = ch;
        if (lean != null) {
            lean.register(this);
        }
    }

    @Override
    public void run() {
        // the event loop reads; JAIN-SIP's thread, queue and pool are not used
    }

    @Override
    public void stop() {
        isRunning = false;
        if (lean != null) {
            lean.unregister(this);
        }
        NioDatagramChannel ch = channel;
        if (ch != null) {
            ch.close().awaitUninterruptibly(2000);
        }
        super.stop();
    }

    /** Reads datagrams on the loop and hands each to JAIN-SIP. Only the loop uses its buffer and packet. */
    private final class Reader extends SimpleChannelInboundHandler<io.netty.channel.socket.DatagramPacket> {
        private final UDPMessageChannel jainChannel;
        private final byte[] buffer = new byte[MAX_DATAGRAM];
        private final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);

        Reader(UDPMessageChannel jainChannel) {
            this.jainChannel = jainChannel;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, io.netty.channel.socket.DatagramPacket msg) {
            ByteBuf content = msg.content();
            int n = content.readableBytes();
            content.getBytes(content.readerIndex(), buffer, 0, n);
            if (lean != null && lean.response(buffer, n, msg.sender())) {
                return;
            }
            if (retransmissions.absorbed(buffer, n, sock)) {
                return;
            }
            packet.setData(buffer, 0, n);
            packet.setSocketAddress(msg.sender());
            try {
                // JAIN-SIP copies exactly getLength() bytes out of the packet before parsing
                PROCESS.invoke(jainChannel, packet);
            } catch (Throwable e) {
                if (e instanceof Error && !(e instanceof StackOverflowError)) {
                    throw (Error) e;
                }
                // one line per kind of failure every 10 s, not one per datagram (a flood would fill the log)
                warnings.warn(e.getClass().getName(), "UDP datagram from " + msg.sender() + " not processed: " + e);
                log.debug("UDP datagram from {} not processed", msg.sender(), e);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable and the like: UDP has no connection to lose
            log.debug("UDP {}:{}: {}", getIpAddress().getHostAddress(), getPort(), cause.toString());
        }
    }
}

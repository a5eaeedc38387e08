package org.stoxgw.sipadapter.stack;

import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's UDP listening point without its hand-off (performance, docs/DECISIONS.md P-02). JAIN-SIP's
 * own processor reads each datagram into a fresh 64 KiB array on one thread and queues it to a pool that
 * parses it; here {@code readers} threads each receive into a buffer of their own, drop retransmissions
 * that their server transaction absorbs anyway ({@link UdpRetransmissions}), and process the datagram on
 * the same thread with JAIN-SIP's own code ({@code UDPMessageChannel.processIncomingDataPacket}: parse,
 * required headers, {@code received}/{@code rport}, the transaction layer, the valve and the listener).
 * Everything after the receive is unchanged JAIN-SIP behaviour.
 *
 * <p>Threads: {@code readers} daemon threads named {@code sip-udp-<port>-<n>}, ended by {@link #stop()}
 * (closing the socket).
 */
final class InlineUdpMessageProcessor extends UDPMessageProcessor {
    private static final Logger log = LoggerFactory.getLogger(InlineUdpMessageProcessor.class);
    /** The largest UDP payload (65,535 bytes minus IP and UDP headers). */
    private static final int MAX_DATAGRAM = 65_507;
    private static final MethodHandle PROCESS = processMethod();

    private final int readers;
    private final UdpRetransmissions retransmissions;
    private final List<Thread> threads = new ArrayList<>();

    InlineUdpMessageProcessor(InetAddress address, SIPTransactionStack stack, int port, int readers,
                              UdpRetransmissions retransmissions) throws IOException {
        super(address, stack, port);
        this.readers = readers;
        this.retransmissions = retransmissions;
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
        for (int i = 0; i < readers; i++) {
            UDPMessageChannel channel = (UDPMessageChannel) createMessageChannel(getIpAddress(), getPort());
            Thread t = new Thread(() -> read(channel), "sip-udp-" + getPort() + "-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    @Override
    public void run() {
        // the readers run read(); JAIN-SIP's queue and pool are not used
    }

    private void read(MessageChannel channel) {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (isRunning) {
            try {
                packet.setData(buffer);
                sock.receive(packet);
                if (retransmissions.absorbed(buffer, packet.getLength())) {
                    continue;
                }
                // JAIN-SIP copies exactly getLength() bytes out of the packet before parsing
                PROCESS.invoke((UDPMessageChannel) channel, packet);
            } catch (SocketException e) {
                if (!isRunning) {
                    return;
                }
                log.debug("UDP receive on {}:{}: {}", getIpAddress().getHostAddress(), getPort(), e.toString());
            } catch (Throwable e) {
                if (e instanceof Error && !(e instanceof StackOverflowError)) {
                    throw (Error) e;
                }
                log.warn("UDP datagram from {}:{} not processed: {}", packet.getAddress(), packet.getPort(), e.toString(), e);
            }
        }
    }

    @Override
    public void stop() {
        super.stop();
        for (Thread t : threads) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

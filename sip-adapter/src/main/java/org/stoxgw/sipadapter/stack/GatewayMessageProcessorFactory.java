package org.stoxgw.sipadapter.stack;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import javax.sip.ListeningPoint;

/**
 * The adapter's message processors ({@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}): UDP gets the
 * {@link InlineUdpMessageProcessor} on an event loop of the adapter's (JAIN-SIP's own for stacks without
 * one); TCP and TLS keep JAIN-SIP's blocking-I/O processors (libraries.md:
 * its NIO processors lose requests with the reentrant listener), their connections read through a
 * {@link FramingInputStream} ({@link FramedTcpMessageProcessor}, {@link FramedTlsMessageProcessor}).
 *
 * <p>Created by JAIN-SIP by name; configured through {@link StackContext}.
 */
public final class GatewayMessageProcessorFactory implements MessageProcessorFactory {
    private static final OIOMessageProcessorFactory OIO = new OIOMessageProcessorFactory();
    private static final Field UDP_FLAG = udpFlag();

    /**
     * JAIN-SIP's own factory marks the stack as having UDP so that responses and requests leave through
     * the listening socket (with a fresh socket per message otherwise); the field is package-private.
     */
    private static Field udpFlag() {
        try {
            Field f = SIPTransactionStack.class.getDeclaredField("udpFlag");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("JAIN-SIP without SIPTransactionStack.udpFlag: " + e);
        }
    }

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
                                                   String transport) throws IOException {
        StackContext c = StackContext.of(((gov.nist.javax.sip.SipStackImpl) stack).getStackName());
        if (transport.equalsIgnoreCase(ListeningPoint.TCP)) {
            return new FramedTcpMessageProcessor(address, stack, port, c.maxConnections());
        }
        if (transport.equalsIgnoreCase(ListeningPoint.TLS)) {
            return new FramedTlsMessageProcessor(address, stack, port, c.maxConnections());
        }
        if (!transport.equalsIgnoreCase(ListeningPoint.UDP)) {
            return OIO.createMessageProcessor(stack, address, port, transport);
        }
        if (c.udpLoops() == null) {
            return OIO.createMessageProcessor(stack, address, port, transport);
        }
        InlineUdpMessageProcessor p = new InlineUdpMessageProcessor(address, stack, port, c.udpLoops().next(),
                new UdpRetransmissions(stack, c.retransmissionsAbsorbed(), c.completed()), c.lean());
        try {
            UDP_FLAG.setBoolean(stack, true);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }
}

package org.stoxgw.sipadapter.stack;

import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.TCPMessageChannel;
import gov.nist.javax.sip.stack.TCPMessageProcessor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

/**
 * JAIN-SIP's TCP channel reading through a {@link FramingInputStream} (RFC 3261 section 18.3); all else
 * is JAIN-SIP's. Its reader thread may start inside the superclass constructor, so {@link #run} uses
 * only state the superclass set. Thread-safe as JAIN-SIP's channel is.
 */
final class FramedTcpMessageChannel extends TCPMessageChannel implements FramedChannel {
    private volatile FramingInputStream framing;

    /** An accepted connection; its reader starts at once. */
    FramedTcpMessageChannel(Socket sock, SIPTransactionStack stack, TCPMessageProcessor processor, String threadName)
            throws IOException {
        super(sock, stack, processor, threadName);
    }

    /** A connection to open when the first message is sent. */
    FramedTcpMessageChannel(InetAddress address, int port, SIPTransactionStack stack, TCPMessageProcessor processor)
            throws IOException {
        super(address, port, stack, processor);
        isCached = true;
    }

    @Override
    public void run() {
        if (myClientInputStream != null && !(myClientInputStream instanceof FramingInputStream)) {
            FramingInputStream f = FramedChannel.wrap(myClientInputStream, mySock, sipStack);
            framing = f;
            myClientInputStream = f;
        }
        super.run();
    }

    @Override
    public FramingInputStream framing() {
        return framing;
    }
}

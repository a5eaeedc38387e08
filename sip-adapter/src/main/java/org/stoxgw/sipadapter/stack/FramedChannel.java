package org.stoxgw.sipadapter.stack;

/**
 * A TCP or TLS message channel whose input passes through a {@link FramingInputStream}; the
 * {@link TolerantParser} asks it for the answer to a substitute.
 */
interface FramedChannel {
    /** The framer of the connection's current socket, or null before its reader started. */
    FramingInputStream framing();

    /** Puts a framer between the channel's socket input and JAIN-SIP's stream parser (once per socket). */
    static FramingInputStream wrap(java.io.InputStream in, java.net.Socket socket, gov.nist.javax.sip.stack.SIPTransactionStack stack) {
        StackContext c = StackContext.of(((gov.nist.javax.sip.SipStackImpl) stack).getStackName());
        return new FramingInputStream(in, socket, c.maxMessageSize(), c.connectMillis(), c.unframedDropped());
    }
}

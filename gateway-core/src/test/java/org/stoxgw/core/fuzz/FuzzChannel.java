package org.stoxgw.core.fuzz;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.net.InetAddress;
import java.text.ParseException;

/**
 * A message channel without a network or stack, for driving the adapter's parser the way a JAIN-SIP
 * UDP channel does (it passes itself as the parse listener). Records whether the parser asked to
 * close it. Not thread-safe; one per input.
 */
final class FuzzChannel extends MessageChannel implements ParseExceptionListener {
    private static final InetAddress PEER = InetAddress.getLoopbackAddress();
    private final String transport;
    boolean closed;

    FuzzChannel(String transport) {
        this.transport = transport;
    }

    @Override
    public void handleException(ParseException ex, SIPMessage message, Class headerClass, String header, String raw)
            throws ParseException {
        throw ex; // the adapter's parser never delegates here; if it did, this is what a stack channel does
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public SIPTransactionStack getSIPStack() {
        return null;
    }

    @Override
    public String getTransport() {
        return transport;
    }

    @Override
    public boolean isReliable() {
        return !transport.equals("UDP");
    }

    @Override
    public boolean isSecure() {
        return transport.equals("TLS");
    }

    @Override
    public void sendMessage(SIPMessage sipMessage) {
        throw new UnsupportedOperationException("no network");
    }

    @Override
    public String getPeerAddress() {
        return PEER.getHostAddress();
    }

    @Override
    protected InetAddress getPeerInetAddress() {
        return PEER;
    }

    @Override
    protected String getPeerProtocol() {
        return transport;
    }

    @Override
    public int getPeerPort() {
        return 5060;
    }

    @Override
    public int getPeerPacketSourcePort() {
        return 5060;
    }

    @Override
    public InetAddress getPeerPacketSourceAddress() {
        return PEER;
    }

    @Override
    public String getKey() {
        return "fuzz:" + transport;
    }

    @Override
    public String getViaHost() {
        return PEER.getHostAddress();
    }

    @Override
    public int getViaPort() {
        return 5060;
    }

    @Override
    protected void sendMessage(byte[] message, InetAddress receiverAddress, int receiverPort, boolean reconnectFlag) {
        throw new UnsupportedOperationException("no network");
    }
}

package org.stoxgw.sipadapter.stack;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The {@link DatagramSocket} JAIN-SIP holds for a UDP listening point, backed by a non-blocking
 * {@link DatagramChannel} that a Netty event loop reads ({@link InlineUdpMessageProcessor}). JAIN-SIP only
 * sends through it (responses, requests, retransmissions: {@link #send} writes straight to the channel,
 * which is safe from any thread) and configures and closes it; receiving is the event loop's job.
 */
final class ChannelDatagramSocket extends DatagramSocket {
    private final DatagramChannel channel;

    ChannelDatagramSocket(InetAddress address, int port) throws SocketException {
        super((SocketAddress) null);
        super.close(); // the unbound placeholder socket of the superclass is never used
        try {
            channel = DatagramChannel.open();
            channel.configureBlocking(false);
            channel.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            SocketException s = new SocketException("cannot bind UDP " + address.getHostAddress() + ":" + port + ": " + e.getMessage());
            s.initCause(e);
            throw s;
        }
    }

    DatagramChannel channel() {
        return channel;
    }

    @Override
    public void send(DatagramPacket p) throws IOException {
        SentDatagrams.sending(p.getData(), p.getOffset(), p.getLength());
        int sent = channel.send(ByteBuffer.wrap(p.getData(), p.getOffset(), p.getLength()), p.getSocketAddress());
        if (sent == 0 && p.getLength() > 0) {
            throw new IOException("UDP send buffer full (gateway.sip.limits.udp-socket-buffer)");
        }
    }

    @Override
    public synchronized void receive(DatagramPacket p) throws IOException {
        throw new IOException("datagrams of this socket are read by an event loop");
    }

    @Override
    public InetAddress getLocalAddress() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public int getLocalPort() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public boolean isBound() {
        return getLocalSocketAddress() != null;
    }

    @Override
    public synchronized void setReceiveBufferSize(int size) throws SocketException {
        option(StandardSocketOptions.SO_RCVBUF, size);
    }

    @Override
    public synchronized void setSendBufferSize(int size) throws SocketException {
        option(StandardSocketOptions.SO_SNDBUF, size);
    }

    @Override
    public synchronized int getReceiveBufferSize() throws SocketException {
        return get(StandardSocketOptions.SO_RCVBUF);
    }

    @Override
    public synchronized int getSendBufferSize() throws SocketException {
        return get(StandardSocketOptions.SO_SNDBUF);
    }

    @Override
    public synchronized void setSoTimeout(int timeout) {
        // nothing blocks on this socket
    }

    private void option(java.net.SocketOption<Integer> o, int value) throws SocketException {
        try {
            channel.setOption(o, value);
        } catch (IOException e) {
            throw new SocketException(e.getMessage());
        }
    }

    private int get(java.net.SocketOption<Integer> o) throws SocketException {
        try {
            return channel.getOption(o);
        } catch (IOException e) {
            throw new SocketException(e.getMessage());
        }
    }

    @Override
    public boolean isClosed() {
        return !channel.isOpen();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing
        }
    }
}

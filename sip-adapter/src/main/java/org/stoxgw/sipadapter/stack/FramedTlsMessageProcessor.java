package org.stoxgw.sipadapter.stack;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.TLSMessageProcessor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's TLS listening point whose connections, accepted and opened, are {@link FramedTlsMessageChannel}s
 * (each does its handshake on its own reader thread, as in JAIN-SIP). The accept loop is JAIN-SIP's;
 * only the channel class differs. Threads: the accept thread JAIN-SIP starts in {@code start()}.
 */
final class FramedTlsMessageProcessor extends TLSMessageProcessor {
    private static final Logger log = LoggerFactory.getLogger(FramedTlsMessageProcessor.class);
    private final int maxConnections;

    FramedTlsMessageProcessor(InetAddress address, SIPTransactionStack stack, int port, int maxConnections) {
        super(address, stack, port);
        this.maxConnections = maxConnections;
    }

    @Override
    public void run() {
        while (isRunning) {
            try {
                synchronized (this) {
                    while (maxConnections > 0 && nConnections >= maxConnections) {
                        wait();
                        if (!isRunning) {
                            return;
                        }
                    }
                    nConnections++;
                }
                Socket s = sock.accept();
                s.setTcpNoDelay(true);
                FramedTlsMessageChannel ch = new FramedTlsMessageChannel(s, sipStack, this, "TLSMessageChannelThread-" + nConnections);
                if (ch.isHandshakeCompleted()) {
                    incomingMessageChannels.put(ch.getKey(), ch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SocketException e) {
                if (isRunning) {
                    log.warn("TLS accept on {} failed, no more connections: {}", getPort(), e.toString());
                }
                isRunning = false;
            } catch (IOException e) {
                log.debug("TLS accept on {}: {}", getPort(), e.toString());
            }
        }
    }

    @Override
    public synchronized MessageChannel createMessageChannel(HostPort target) throws IOException {
        return createMessageChannel(target.getInetAddress(), target.getPort());
    }

    @Override
    public synchronized MessageChannel createMessageChannel(InetAddress host, int port) throws IOException {
        String key = MessageChannel.getKey(host, port, "TLS");
        MessageChannel known = messageChannels.get(key);
        if (known != null) {
            return known;
        }
        FramedTlsMessageChannel ch = new FramedTlsMessageChannel(host, port, sipStack, this);
        messageChannels.put(key, ch);
        return ch;
    }
}

package org.stoxgw.sipadapter.stack;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.TCPMessageProcessor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's TCP listening point whose connections, accepted and opened, are {@link FramedTcpMessageChannel}s.
 * The accept loop is JAIN-SIP's (one reader thread per connection, at most {@code limits.max-connections}
 * at a time, waiting for a slot beyond it); only the channel class differs. Threads: the accept thread
 * JAIN-SIP starts in {@code start()}.
 */
final class FramedTcpMessageProcessor extends TCPMessageProcessor {
    private static final Logger log = LoggerFactory.getLogger(FramedTcpMessageProcessor.class);
    private final int maxConnections;

    FramedTcpMessageProcessor(InetAddress address, SIPTransactionStack stack, int port, int maxConnections) {
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
                FramedTcpMessageChannel ch = new FramedTcpMessageChannel(s, sipStack, this, "TCPMessageChannelThread-" + nConnections);
                incomingMessageChannels.put(ch.getKey(), ch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SocketException e) {
                isRunning = false;
            } catch (IOException e) {
                log.debug("TCP accept on {}: {}", getPort(), e.toString());
            }
        }
    }

    @Override
    public synchronized MessageChannel createMessageChannel(HostPort target) throws IOException {
        return createMessageChannel(target.getInetAddress(), target.getPort());
    }

    @Override
    public synchronized MessageChannel createMessageChannel(InetAddress host, int port) throws IOException {
        String key = MessageChannel.getKey(host, port, "TCP");
        MessageChannel known = messageChannels.get(key);
        if (known != null) {
            return known;
        }
        FramedTcpMessageChannel ch = new FramedTcpMessageChannel(host, port, sipStack, this);
        messageChannels.put(key, ch);
        return ch;
    }
}

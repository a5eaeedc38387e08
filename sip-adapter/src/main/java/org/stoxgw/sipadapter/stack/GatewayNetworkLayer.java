package org.stoxgw.sipadapter.stack;

import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The sockets of an adapter's stack: plain ones, and TLS ones from the adapter's own
 * {@link SSLContext} (PKCS#12 key and trust stores from {@code gateway.tls}; JAIN-SIP's own TLS
 * layer would take the key store as trust store when none is set). Outgoing connects use
 * {@code gateway.sip.timeouts.connect} instead of JAIN-SIP's fixed 8 s. Only IP addresses reach
 * this class: name resolution happened before (RFC 3263 resolver).
 *
 * <p>Created by JAIN-SIP by name ({@code gov.nist.javax.sip.NETWORK_LAYER}); configured through
 * {@link StackContext}.
 */
public final class GatewayNetworkLayer implements NetworkLayer {
    /** The SIP domain the current thread is about to reach over TLS (RFC 5922), or null. */
    private static final ThreadLocal<String> SERVER_NAME = new ThreadLocal<>();

    private volatile SSLContext ssl;
    private volatile int connectMillis = 10_000;
    private volatile boolean udpOnLoops;

    /**
     * Names the SIP domain that a TLS connection opened by this thread must prove (sent as SNI and
     * checked against the server certificate by {@link DomainCheckingTrustManager}); null for no
     * check. The adapter sets it around creating and sending a client transaction, which is where
     * JAIN-SIP connects, and clears it afterwards.
     */
    public static void expectServerName(String domain) {
        if (domain == null) {
            SERVER_NAME.remove();
        } else {
            SERVER_NAME.set(domain);
        }
    }

    @Override
    public void setSipStack(SipStackImpl sipStack) {
        StackContext c = StackContext.of(sipStack.getStackName());
        this.ssl = c.sslContext();
        this.connectMillis = c.connectMillis();
        this.udpOnLoops = c.udpLoops() != null;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        bind(s, port, backlog, bindAddress);
        return s;
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        SSLServerSocket s = (SSLServerSocket) tls().getServerSocketFactory().createServerSocket();
        s.setReuseAddress(true);
        bind(s, port, backlog, bindAddress);
        return s;
    }

    private static void bind(ServerSocket s, int port, int backlog, InetAddress bindAddress) throws IOException {
        try {
            s.bind(new InetSocketAddress(bindAddress, port), backlog);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return createSocket(address, port, null, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        return createSocket(address, port, localAddress, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        return connect(new Socket(), address, port, myAddress);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return createSSLSocket(address, port, null);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        SSLSocket s = (SSLSocket) tls().getSocketFactory().createSocket();
        String name = SERVER_NAME.get();
        if (name != null) {
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(name)));
            s.setSSLParameters(p);
        }
        return (SSLSocket) connect(s, address, port, localAddress);
    }

    private Socket connect(Socket s, InetAddress address, int port, InetAddress local) throws IOException {
        try {
            if (local != null) {
                s.bind(new InetSocketAddress(local, 0));
            }
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(address, port), connectMillis);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return new DatagramSocket();
    }

    /** A listening point's socket: read by an event loop when the adapter has loops for UDP (P-02). */
    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress laddr) throws SocketException {
        return udpOnLoops ? new ChannelDatagramSocket(laddr, port) : new DatagramSocket(port, laddr);
    }

    private SSLContext tls() throws IOException {
        SSLContext c = ssl;
        if (c == null) {
            throw new IOException("TLS is not configured (gateway.tls.key-store)");
        }
        return c;
    }
}

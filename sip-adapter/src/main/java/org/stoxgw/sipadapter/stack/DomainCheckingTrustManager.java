package org.stoxgw.sipadapter.stack;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK trust manager plus RFC 5922 section 7.3: on an outgoing connection that asked for a
 * server name (SNI, set by {@link GatewayNetworkLayer} to the SIP domain being reached), the
 * server certificate must name that domain (subjectAltName URI or DNS entry, no wildcards). The
 * check runs inside the handshake, so nothing is sent to a server that fails it. JAIN-SIP's own
 * TLS policy hook cannot do this: with its BIO transport it runs before the transaction is known.
 */
final class DomainCheckingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;

    DomainCheckingTrustManager(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
        if (socket instanceof SSLSocket s) {
            checkName(chain, s.getHandshakeSession());
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, engine);
        checkName(chain, engine.getHandshakeSession());
    }

    private static void checkName(X509Certificate[] chain, SSLSession session) throws CertificateException {
        if (!(session instanceof ExtendedSSLSession s)) {
            return;
        }
        List<SNIServerName> requested = s.getRequestedServerNames();
        for (SNIServerName n : requested) {
            if (n instanceof SNIHostName host) {
                String domain = host.getAsciiName().toLowerCase(java.util.Locale.ROOT);
                Set<String> names = CertificateNames.of(chain);
                if (!names.contains(domain)) {
                    throw new CertificateException("the certificate names " + names + ", not " + domain + " (RFC 5922)");
                }
            }
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}

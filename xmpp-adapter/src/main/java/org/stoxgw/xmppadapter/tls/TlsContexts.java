package org.stoxgw.xmppadapter.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.stoxgw.config.TlsSettings;

/**
 * The TLS side of XMPP streams, built once from {@code gateway.tls}: server contexts for STARTTLS
 * and direct TLS (only with a key store), a client context (presenting the gateway's certificate
 * when there is one), and the verification of peer certificates.
 *
 * <p>Why the handshake accepts any peer certificate: with dialback allowed a self-signed peer must
 * still get an encrypted stream (RFC 6120 §13.7.2), so the trust decision is taken after the
 * handshake by {@link #verify}: the chain is validated with PKIX against the configured trust
 * store (or the JDK's), and the identity against the XMPP domain (XEP-0178). SASL EXTERNAL is only
 * offered and used when that succeeds. Thread-safe.
 */
public final class TlsContexts {
    private final SslContext startTlsServer;
    private final SslContext directTlsServer;
    private final SslContext client;
    private final Set<java.security.cert.TrustAnchor> anchors;
    private final boolean haveCertificate;

    private TlsContexts(SslContext startTlsServer, SslContext directTlsServer, SslContext client,
                        Set<java.security.cert.TrustAnchor> anchors, boolean haveCertificate) {
        this.startTlsServer = startTlsServer;
        this.directTlsServer = directTlsServer;
        this.client = client;
        this.anchors = anchors;
        this.haveCertificate = haveCertificate;
    }

    /**
     * Loads the key and trust stores.
     *
     * @throws IllegalStateException naming the file and what is wrong with it
     */
    public static TlsContexts create(TlsSettings tls) {
        try {
            KeyManagerFactory kmf = null;
            if (tls.keyStore().isPresent()) {
                KeyStore ks = load(tls.keyStore().get(), tls.keyStorePassword(), "gateway.tls.key-store");
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, tls.keyStorePassword().toCharArray());
            }
            Set<java.security.cert.TrustAnchor> anchors = trustAnchors(tls.trustStore(), tls.trustStorePassword());
            SslContext startTls = null;
            SslContext direct = null;
            if (kmf != null) {
                startTls = server(kmf, tls, true);
                direct = server(kmf, tls, false);
            }
            SslContextBuilder cb = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .protocols(tls.protocols()).ciphers(tls.cipherSuites(), SupportedCipherSuiteFilter.INSTANCE)
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    // XMPP identities (SRV-ID, xmppAddr) are checked by verify(), not by HTTPS rules.
                    .endpointIdentificationAlgorithm(null);
            if (kmf != null) {
                cb.keyManager(kmf);
            }
            return new TlsContexts(startTls, direct, cb.build(), anchors, kmf != null);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    private static SslContext server(KeyManagerFactory kmf, TlsSettings tls, boolean startTls) throws SSLException {
        return SslContextBuilder.forServer(kmf).sslProvider(SslProvider.JDK).protocols(tls.protocols())
                .ciphers(tls.cipherSuites(), SupportedCipherSuiteFilter.INSTANCE)
                .clientAuth(ClientAuth.OPTIONAL).trustManager(InsecureTrustManagerFactory.INSTANCE)
                .startTls(startTls).build();
    }

    private static KeyStore load(String file, String password, String key) throws GeneralSecurityException, IOException {
        Path p = Path.of(file);
        if (!Files.isReadable(p)) {
            throw new IOException(key + " " + file + " cannot be read");
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p)) {
            ks.load(in, password.toCharArray());
        } catch (IOException e) {
            throw new IOException(key + " " + file + ": " + e.getMessage(), e);
        }
        return ks;
    }

    private static Set<java.security.cert.TrustAnchor> trustAnchors(Optional<String> file, String password)
            throws GeneralSecurityException, IOException {
        Set<java.security.cert.TrustAnchor> out = new HashSet<>();
        if (file.isPresent()) {
            KeyStore ks = load(file.get(), password, "gateway.tls.trust-store");
            for (Enumeration<String> e = ks.aliases(); e.hasMoreElements(); ) {
                Certificate c = ks.getCertificate(e.nextElement());
                if (c instanceof X509Certificate x) {
                    out.add(new java.security.cert.TrustAnchor(x, null));
                }
            }
            if (out.isEmpty()) {
                throw new IOException("gateway.tls.trust-store " + file.get() + " holds no certificate");
            }
            return out;
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                for (X509Certificate c : x.getAcceptedIssuers()) {
                    out.add(new java.security.cert.TrustAnchor(c, null));
                }
            }
        }
        return out;
    }

    /** Whether the gateway has its own certificate (STARTTLS can be offered, SASL EXTERNAL used). */
    public boolean haveCertificate() {
        return haveCertificate;
    }

    /** A server-side handler: STARTTLS (first write passes in clear: the {@code <proceed/>}) or direct TLS. */
    public SslHandler newServerHandler(ByteBufAllocator alloc, boolean startTls) {
        SslContext c = startTls ? startTlsServer : directTlsServer;
        if (c == null) {
            throw new IllegalStateException("no gateway.tls.key-store configured");
        }
        return c.newHandler(alloc);
    }

    /** A client-side handler; SNI carries the remote XMPP domain (RFC 6120 §13.7.1.2). */
    public SslHandler newClientHandler(ByteBufAllocator alloc, String domain, int port) {
        return client.newHandler(alloc, domain, port);
    }

    /** The peer's certificate chain from a completed handshake, empty when it sent none. */
    public static List<X509Certificate> peerChain(SslHandler ssl) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            for (Certificate c : ssl.engine().getSession().getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
        return out;
    }

    /**
     * Whether {@code chain} is trusted (PKIX against the trust anchors, no revocation checking) and
     * its end-entity certificate identifies {@code domain}.
     */
    public Verification verify(List<X509Certificate> chain, String domain) {
        if (chain.isEmpty()) {
            return new Verification(false, "no certificate");
        }
        try {
            java.security.cert.CertificateFactory cf = java.security.cert.CertificateFactory.getInstance("X.509");
            java.security.cert.CertPath path = cf.generateCertPath(withoutRoot(chain));
            java.security.cert.PKIXParameters params = new java.security.cert.PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            java.security.cert.CertPathValidator.getInstance("PKIX").validate(path, params);
        } catch (GeneralSecurityException e) {
            return new Verification(false, "certificate not trusted: " + e.getMessage());
        }
        if (!CertificateIdentities.matches(chain.get(0), domain)) {
            return new Verification(false, "certificate is for " + CertificateIdentities.identities(chain.get(0))
                    + ", not " + domain);
        }
        return new Verification(true, "valid for " + domain);
    }

    private List<X509Certificate> withoutRoot(List<X509Certificate> chain) throws CertificateException {
        // A peer may send its root too; PKIX wants the path up to, not including, the anchor.
        List<X509Certificate> out = new ArrayList<>(chain);
        while (out.size() > 1 && isAnchor(out.get(out.size() - 1))) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private boolean isAnchor(X509Certificate c) {
        for (java.security.cert.TrustAnchor a : anchors) {
            if (c.equals(a.getTrustedCert())) {
                return true;
            }
        }
        return false;
    }

    /** Outcome of {@link #verify}. */
    public record Verification(boolean valid, String detail) { }
}

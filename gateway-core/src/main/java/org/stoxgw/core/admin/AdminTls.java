package org.stoxgw.core.admin;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.stoxgw.config.TlsSettings;

/**
 * The HTTPS context of the admin endpoint with {@code gateway.admin.tls.client-auth}: the gateway's
 * certificate from {@code gateway.tls.key-store}; a client must present a certificate that chains to
 * {@code gateway.tls.trust-store} (the JDK's CAs when none is set; set one, or any public certificate
 * would do). Built once at start.
 */
public final class AdminTls {
    private AdminTls() {
    }

    /** @throws IllegalStateException naming what is missing or unreadable */
    public static SslContext context(TlsSettings tls) {
        if (tls.keyStore().isEmpty()) {
            throw new IllegalStateException("gateway.admin.tls.client-auth needs gateway.tls.key-store");
        }
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(tls.keyStore().get(), tls.keyStorePassword()), tls.keyStorePassword().toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(tls.trustStore().isPresent() ? load(tls.trustStore().get(), tls.trustStorePassword()) : null);
            return SslContextBuilder.forServer(kmf).sslProvider(SslProvider.JDK).protocols(tls.protocols())
                    .ciphers(tls.cipherSuites(), SupportedCipherSuiteFilter.INSTANCE)
                    .trustManager(tmf).clientAuth(ClientAuth.REQUIRE).build();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("admin endpoint TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String file, String password) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }
}

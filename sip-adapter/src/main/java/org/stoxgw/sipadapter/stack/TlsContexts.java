package org.stoxgw.sipadapter.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.stoxgw.config.TlsSettings;

/**
 * Builds the adapter's {@link SSLContext} from {@code gateway.tls} (PKCS#12 stores), with the
 * RFC 5922 server name check ({@link DomainCheckingTrustManager}).
 */
public final class TlsContexts {
    private TlsContexts() {
    }

    /**
     * The context for TLS listening points and outgoing TLS connections.
     *
     * @throws IllegalStateException naming the file and what is wrong with it
     */
    public static SSLContext create(TlsSettings tls) {
        String keyStoreFile = tls.keyStore().orElseThrow(() -> new IllegalStateException("gateway.tls.key-store is not set"));
        try {
            KeyStore keys = load(keyStoreFile, tls.keyStorePassword());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, tls.keyStorePassword().toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(tls.trustStore().isPresent() ? load(tls.trustStore().get(), tls.trustStorePassword()) : null);
            TrustManager[] tms = tmf.getTrustManagers();
            for (int i = 0; i < tms.length; i++) {
                if (tms[i] instanceof X509ExtendedTrustManager x) {
                    tms[i] = new DomainCheckingTrustManager(x);
                }
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tms, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load TLS material (" + keyStoreFile
                    + tls.trustStore().map(t -> ", " + t).orElse("") + "): " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String file, String password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }
}

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
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.stoxgw.config.TlsSettings;

/**
 * Builds the adapter's {@link SSLContext} from {@code gateway.tls} (PKCS#12 stores; replaceable by a
 * reload, {@link ReloadableTls}), with the
 * RFC 5922 server name check ({@link DomainCheckingTrustManager}).
 */
public final class TlsContexts {
    private TlsContexts() {
    }

    /**
     * The context for TLS listening points and outgoing TLS connections, with managers a reload replaces
     * ({@link #reload}).
     *
     * @throws IllegalStateException naming the file and what is wrong with it
     */
    public static ReloadableTls create(TlsSettings tls) {
        Managers m = managers(tls);
        try {
            ReloadableTls r = new ReloadableTls(SSLContext.getInstance("TLS"), m.keys(), m.trust());
            r.context().init(new javax.net.ssl.KeyManager[] {r.keys()}, new TrustManager[] {r.trust()}, null);
            return r;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Loads {@code tls} again; returns what puts it in force (nothing changes before that runs).
     *
     * @throws IllegalStateException naming the file and what is wrong with it
     */
    public static Runnable reload(ReloadableTls current, TlsSettings tls) {
        Managers m = managers(tls);
        return () -> current.swap(m.keys(), m.trust());
    }

    private record Managers(X509ExtendedKeyManager keys, X509ExtendedTrustManager trust) {
    }

    private static Managers managers(TlsSettings tls) {
        String keyStoreFile = tls.keyStore().orElseThrow(() -> new IllegalStateException("gateway.tls.key-store is not set"));
        try {
            KeyStore keys = load(keyStoreFile, tls.keyStorePassword());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, tls.keyStorePassword().toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(tls.trustStore().isPresent() ? load(tls.trustStore().get(), tls.trustStorePassword()) : null);
            X509ExtendedKeyManager km = null;
            for (javax.net.ssl.KeyManager k : kmf.getKeyManagers()) {
                if (k instanceof X509ExtendedKeyManager x) {
                    km = x;
                }
            }
            X509ExtendedTrustManager tm = null;
            for (TrustManager t : tmf.getTrustManagers()) {
                if (t instanceof X509ExtendedTrustManager x) {
                    tm = new DomainCheckingTrustManager(x);
                }
            }
            if (km == null || tm == null) {
                throw new GeneralSecurityException("no X.509 key or trust manager");
            }
            return new Managers(km, tm);
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

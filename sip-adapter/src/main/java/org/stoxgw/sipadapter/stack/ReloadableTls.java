package org.stoxgw.sipadapter.stack;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The adapter's {@link SSLContext} with key and trust managers that a reload can replace: JAIN-SIP
 * creates its TLS server sockets once, from this context, so the certificate of a handshake is taken
 * from whatever managers are current when it happens. New connections (inbound and outbound) get the
 * renewed certificate; established ones keep their session. {@link #swap} is atomic per manager; a
 * handshake running during it sees the old or the new one.
 */
public final class ReloadableTls {
    private final SSLContext context;
    private final Keys keys;
    private final Trust trust;

    ReloadableTls(SSLContext context, X509ExtendedKeyManager km, X509ExtendedTrustManager tm) {
        this.context = context;
        this.keys = new Keys(km);
        this.trust = new Trust(tm);
    }

    /** The context to build engines from; its key and trust managers follow {@link #swap}. */
    public SSLContext context() {
        return context;
    }

    Keys keys() {
        return keys;
    }

    Trust trust() {
        return trust;
    }

    /** Makes the next handshakes use {@code km} and {@code tm}. */
    public void swap(X509ExtendedKeyManager km, X509ExtendedTrustManager tm) {
        keys.delegate = km;
        trust.delegate = tm;
    }

    static final class Keys extends X509ExtendedKeyManager {
        private volatile X509ExtendedKeyManager delegate;

        Keys(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return delegate.chooseEngineClientAlias(keyType, issuers, engine);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return delegate.chooseEngineServerAlias(keyType, issuers, engine);
        }
    }

    static final class Trust extends X509ExtendedTrustManager {
        private volatile X509ExtendedTrustManager delegate;

        Trust(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}

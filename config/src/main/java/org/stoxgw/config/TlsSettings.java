package org.stoxgw.config;

import java.util.List;
import java.util.Optional;

/**
 * {@code gateway.tls}: the gateway's certificates and the certificates it trusts, shared by the SIP
 * and XMPP adapters. Passwords are never printed ({@link #toString()} hides them).
 *
 * @param keyStore           PKCS#12 file with the gateway's key and certificate chain; empty = no TLS
 *                           server identity (TLS listening points then fail to start)
 * @param trustStore         PKCS#12 file of trusted CAs; empty = the JDK's default trust store
 * @param protocols          enabled TLS protocol versions, e.g. TLSv1.3, TLSv1.2
 * @param cipherSuites       enabled cipher suites (JAIN-SIP's defaults are unusable on Java 17)
 */
public record TlsSettings(Optional<String> keyStore, String keyStorePassword, Optional<String> trustStore,
                          String trustStorePassword, List<String> protocols, List<String> cipherSuites) {

    public TlsSettings {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
    }

    public static TlsSettings read(ConfigReader gateway) {
        ConfigReader r = gateway.section("tls");
        TlsSettings t = new TlsSettings(r.optionalString("key-store"), r.secret("key-store-password"),
                r.optionalString("trust-store"), r.secret("trust-store-password"),
                r.strings("protocols"), r.strings("cipher-suites"));
        for (String p : t.protocols()) {
            if (!p.equals("TLSv1.3") && !p.equals("TLSv1.2")) {
                r.problem("protocols", "only TLSv1.3 and TLSv1.2 are allowed, found " + p);
            }
        }
        if (t.protocols().isEmpty()) {
            r.problem("protocols", "at least one protocol is required");
        }
        if (t.cipherSuites().isEmpty()) {
            r.problem("cipher-suites", "at least one cipher suite is required");
        }
        return t;
    }

    @Override
    public String toString() {
        return "TlsSettings[keyStore=" + keyStore + ", trustStore=" + trustStore + ", protocols=" + protocols
                + ", cipherSuites=" + cipherSuites.size() + " suites, passwords hidden]";
    }
}

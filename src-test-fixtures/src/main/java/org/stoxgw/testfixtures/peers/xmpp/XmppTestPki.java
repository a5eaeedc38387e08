package org.stoxgw.testfixtures.peers.xmpp;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/**
 * A throwaway certificate authority for XMPP tests, writing into a directory under {@code target/}:
 * per domain a PKCS#12 key store for the gateway ({@code <domain>.p12}) and PEM files for Prosody
 * ({@code <domain>.crt} with the chain, {@code <domain>.key}); the CA as PEM and as a PKCS#12 trust
 * store. Server certificates carry the domain as SAN dNSName and as id-on-xmppAddr (XEP-0178).
 */
public final class XmppTestPki {
    /** Password of every key and trust store written. */
    public static final String PASSWORD = "changeit";
    private static final String XMPP_ADDR = "1.3.6.1.5.5.7.8.5";

    private final Path dir;
    private final String name;
    private final X509Bundle ca;

    /** A new CA called {@code name}; files go to {@code dir}. */
    public XmppTestPki(Path dir, String name) {
        this.dir = dir;
        this.name = name;
        try {
            Files.createDirectories(dir);
            this.ca = new CertificateBuilder().subject("CN=" + name + " test CA, O=stoxgw tests")
                    .setIsCertificateAuthority(true).ecp256().buildSelfSigned();
            Files.writeString(caPem(), ca.getCertificatePEM());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca.getCertificate());
            try (OutputStream out = Files.newOutputStream(trustStore())) {
                trust.store(out, PASSWORD.toCharArray());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the test CA in " + dir, e);
        }
    }

    /** The CA certificate as PEM (Prosody's {@code cafile}). */
    public Path caPem() {
        return dir.resolve(name + "-ca.crt");
    }

    /** A PKCS#12 trust store holding only the CA (the gateway's {@code gateway.tls.trust-store}). */
    public Path trustStore() {
        return dir.resolve(name + "-trust.p12");
    }

    /** Files of one issued certificate. */
    public record Issued(String domain, Path keyStore, Path certPem, Path keyPem, X509Certificate certificate) { }

    /** Issues a server certificate for {@code domain} (SAN dNSName + xmppAddr) and writes its files. */
    public Issued issue(String domain) {
        return issue(domain, domain);
    }

    /**
     * Issues one certificate for {@code domain} and {@code more} domains (SAN dNSName + xmppAddr for each),
     * written as {@code <name>.p12/.crt/.key}: a renewal under another name, to be copied over the first.
     */
    public Issued issue(String name, String domain, String... more) {
        try {
            CertificateBuilder b = new CertificateBuilder().subject("CN=" + domain);
            java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(domain));
            all.addAll(java.util.List.of(more));
            for (String d : all) {
                byte[] jid = d.getBytes(StandardCharsets.UTF_8);
                byte[] utf8String = new byte[jid.length + 2];
                utf8String[0] = 0x0C;
                utf8String[1] = (byte) jid.length;
                System.arraycopy(jid, 0, utf8String, 2, jid.length);
                b.addSanDnsName(d).addSanOtherName(XMPP_ADDR, utf8String);
            }
            X509Bundle cert = b.addExtendedKeyUsageServerAuth().addExtendedKeyUsageClientAuth()
                    .ecp256().buildIssuedBy(ca);
            Path p12 = dir.resolve(name + ".p12");
            try (OutputStream out = Files.newOutputStream(p12)) {
                cert.toKeyStore(PASSWORD.toCharArray()).store(out, PASSWORD.toCharArray());
            }
            Path crt = dir.resolve(name + ".crt");
            Files.writeString(crt, cert.getCertificatePathPEM());
            Path key = dir.resolve(name + ".key");
            Files.writeString(key, cert.getPrivateKeyPEM());
            return new Issued(domain, p12, crt, key, cert.getCertificate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a certificate for " + domain, e);
        }
    }
}

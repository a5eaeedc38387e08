package org.stoxgw.sipadapter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.sip.TestCertificates;

/**
 * A certificate renewed in place (as an ACME client writes it) and reloaded: the next TLS connection to
 * the SIP listening point gets the new certificate, the connection opened before keeps its session.
 */
class TlsReloadTest {
    static final String GW_IP = TestNet.address(15);

    static SSLSocket connect(int port) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(TestGateway.pki().trustStore())) {
            trust.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        SSLSocket s = (SSLSocket) c.getSocketFactory().createSocket(GW_IP, port);
        s.startHandshake();
        return s;
    }

    static X509Certificate served(SSLSocket s) throws IOException {
        return (X509Certificate) s.getSession().getPeerCertificates()[0];
    }

    @Test
    @DisplayName("issue 18 / AMB-O06 / SEC-01: SIP over TLS: a renewed certificate is served to new connections after a reload; an open one keeps its session")
    void renewedCertificateForNewConnections() throws Exception {
        TestCertificates pki = TestGateway.pki();
        Path live = Path.of("target", "pki", "reload-live.p12").toAbsolutePath();
        Files.copy(pki.issue("reload-first", "dns:gw.example.test"), live, StandardCopyOption.REPLACE_EXISTING);
        int port = FreePorts.tcp(GW_IP);
        try (TestGateway gw = new TestGateway("""
                gateway.tls {
                  key-store = "%s", key-store-password = "%s"
                  trust-store = "%s", trust-store-password = "%s"
                }
                gateway.sip.listen { udp = [], tcp = [], tls = ["%s:%d"] }
                """.formatted(live, TestCertificates.PASSWORD, pki.trustStore().toAbsolutePath(), TestCertificates.PASSWORD,
                GW_IP, port)).start();
             SSLSocket before = connect(port)) {
            X509Certificate first = served(before);

            Files.copy(pki.issue("reload-renewed", "dns:gw.example.test", "dns:renewed.example.test"), live,
                    StandardCopyOption.REPLACE_EXISTING);
            gw.adapter.prepareTlsReload(gw.shared).run();

            try (SSLSocket after = connect(port)) {
                X509Certificate renewed = served(after);
                assertNotEquals(first.getSerialNumber(), renewed.getSerialNumber(), "the new connection gets the new certificate");
                assertTrue(renewed.getSubjectAlternativeNames().toString().contains("renewed.example.test"));
            }
            // the connection from before the reload is still open, with its certificate; a keep-alive goes through
            assertFalse(before.isClosed());
            assertTrue(before.getSession().isValid());
            assertTrue(served(before).getSerialNumber().equals(first.getSerialNumber()));
            before.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            before.getOutputStream().flush();
        }
    }
}

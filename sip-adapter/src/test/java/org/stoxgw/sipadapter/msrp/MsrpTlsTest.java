package org.stoxgw.sipadapter.msrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.config.TlsSettings;
import org.stoxgw.mapping.sip.MsrpMedia;
import org.stoxgw.mapping.sip.MsrpPath;
import org.stoxgw.sipadapter.stack.TlsContexts;
import org.stoxgw.testfixtures.msrp.MsrpTestPeer;
import org.stoxgw.testfixtures.sip.TestCertificates;

/** MSRP over TLS ({@code msrps}, {@code TCP/TLS/MSRP}) with the gateway's certificate (AMB-C13, CHAT-29). */
class MsrpTlsTest {

    @Test
    @DisplayName("AMB-C13, CHAT-29: with gateway.msrp.tls the path is msrps, SDP says TCP/TLS/MSRP, and a peer that trusts the gateway's CA chats over TLS")
    void msrps() throws Exception {
        TestCertificates pki = TestCertificates.in(Path.of("target", "msrp-pki"));
        Path gw = pki.issue("msrp-gw", "ip:127.0.0.1", "dns:localhost");
        SSLContext tls = TlsContexts.create(new TlsSettings(Optional.of(gw.toString()), TestCertificates.PASSWORD,
                Optional.of(pki.trustStore().toString()), TestCertificates.PASSWORD, List.of("TLSv1.3", "TLSv1.2"),
                List.of("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"))).context();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        RecordingListener listener = new RecordingListener();
        try (MsrpTestPeer peer = new MsrpTestPeer();
             MsrpEndpoint endpoint = new MsrpEndpoint(MsrpSettings.loopback().withTls(true), group, tls).start()) {
            MsrpSession s = endpoint.newSession(group.next(), listener).orElseThrow();
            assertTrue(s.ownUri().secure());
            String sdp = s.localMedia(MsrpMedia.Setup.NONE).toSdp("-", 1, 1);
            assertTrue(sdp.contains(" TCP/TLS/MSRP *\r\n"), sdp);
            assertTrue(sdp.contains("a=path:msrps://"), sdp);
            s.start(new MsrpMedia(MsrpPath.parse(peer.uri()).orElseThrow(), List.of("text/plain"), List.of(), -1,
                    MsrpMedia.Setup.NONE), false);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (var in = java.nio.file.Files.newInputStream(pki.trustStore())) {
                trust.load(in, TestCertificates.PASSWORD.toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), null);
            MsrpTestPeer.Conn c = peer.connectTls(client.getSocketFactory(), "127.0.0.1", endpoint.port());
            c.send(s.ownUri().toString(), peer.uri(), List.of("Message-ID: tls1"), "text/plain",
                    "über TLS".getBytes(StandardCharsets.UTF_8), '$');
            assertEquals("über TLS", listener.messages.poll(10, TimeUnit.SECONDS).text());
            assertEquals(200, peer.next(java.time.Duration.ofSeconds(10)).frame().status());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}

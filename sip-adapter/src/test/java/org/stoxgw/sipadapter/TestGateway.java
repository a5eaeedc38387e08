package org.stoxgw.sipadapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.stoxgw.config.ConfigLoader;
import org.stoxgw.config.ConfigReader;
import org.stoxgw.config.SharedSettings;
import org.stoxgw.testfixtures.sip.TestCertificates;

/**
 * A SIP adapter under test: settings from HOCON (over the reference defaults), a
 * {@link RecordingHandler} as the core, started on a test address. Closing stops it.
 */
final class TestGateway implements AutoCloseable {
    final SipSettings settings;
    final SharedSettings shared;
    final RecordingHandler handler = new RecordingHandler();
    final SipAdapter adapter;

    TestGateway(String hocon) {
        this(hocon, null);
    }

    /** With {@code core} as the handler instead of the recording one. */
    TestGateway(String hocon, SipRequestHandler core) {
        this(hocon, core, null);
    }

    /** With {@code calls} taking incoming INVITEs (the INVITE layer on). */
    TestGateway(String hocon, SipRequestHandler core, org.stoxgw.sipadapter.invite.InviteListener calls) {
        Path dir = Path.of("target", "test-configs");
        try {
            Files.createDirectories(dir);
            Path f = Files.createTempFile(dir, "sip", ".conf");
            Files.writeString(f, hocon);
            ConfigLoader.LoadedConfig c = ConfigLoader.load(Optional.of(f), Map.of());
            ConfigReader g = c.reader();
            this.shared = SharedSettings.read(g);
            this.settings = SipSettings.read(g);
            var problems = c.validate();
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("test config invalid: " + problems);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.adapter = new SipAdapter(settings, shared, null, core != null ? core : handler, calls);
    }

    TestGateway start() {
        adapter.start();
        return this;
    }

    /** The test PKI of this module. */
    static TestCertificates pki() {
        return TestCertificates.in(Path.of("target", "pki"));
    }

    /** HOCON for the shared TLS material: the gateway's key store and the test CA. */
    static String tlsConfig() {
        TestCertificates pki = pki();
        Path ks = pki.issue("gateway", "dns:gw.example.test", "dns:xmpp.example.test");
        return """
                gateway.tls {
                  key-store = "%s"
                  key-store-password = "%s"
                  trust-store = "%s"
                  trust-store-password = "%s"
                }
                """.formatted(ks.toAbsolutePath(), TestCertificates.PASSWORD, pki.trustStore().toAbsolutePath(),
                TestCertificates.PASSWORD);
    }

    @Override
    public void close() {
        adapter.stop(Duration.ofSeconds(2));
    }
}

package org.stoxgw.core.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoxgw.config.ConfigProblem;
import org.stoxgw.core.launcher.GatewaySettings;

class AdminSettingsTest {
    @TempDir
    Path dir;

    List<ConfigProblem> check(String hocon) throws IOException {
        Path f = dir.resolve("gateway.conf");
        Files.writeString(f, hocon);
        return GatewaySettings.check(Optional.of(f), Map.of());
    }

    @Test
    @DisplayName("AMB-O04: off by default; loopback is allowed without a token")
    void loopbackNeedsNothing() throws IOException {
        assertTrue(check("gateway.admin.enabled = true\n").isEmpty());
        assertTrue(check("gateway.admin { enabled = true, listen = \"[::1]:9095\" }\n").isEmpty());
    }

    @Test
    @DisplayName("AMB-O04: a listening point beyond loopback without token or client certificates is refused, with its line")
    void beyondLoopbackNeedsProtection() throws IOException {
        List<ConfigProblem> p = check("gateway.admin {\n  enabled = true\n  listen = \"0.0.0.0:9095\"\n}\n");
        assertEquals(1, p.size(), p.toString());
        assertEquals("gateway.admin.listen", p.get(0).key());
        assertTrue(p.get(0).origin().endsWith("gateway.conf:3"), p.get(0).origin());
        assertTrue(check("gateway.admin { enabled = true, listen = \"0.0.0.0:9095\", token = \"t0ken\" }\n").isEmpty());
    }

    @Test
    @DisplayName("AMB-O04: the token is a secret: never in toString")
    void tokenHidden() {
        assertFalse(new AdminSettings(true, org.stoxgw.config.HostPort.parse("127.0.0.1:1", -1), "s3cret", false,
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1))
                .toString().contains("s3cret"));
    }
}

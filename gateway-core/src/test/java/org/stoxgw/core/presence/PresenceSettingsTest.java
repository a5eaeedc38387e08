package org.stoxgw.core.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoxgw.config.ConfigLoader;
import org.stoxgw.config.ConfigProblem;
import org.stoxgw.core.launcher.GatewaySettings;
import org.stoxgw.mapping.presence.Show;

class PresenceSettingsTest {
    @TempDir
    Path dir;

    List<ConfigProblem> check(String hocon) throws Exception {
        Path f = Files.createTempFile(dir, "g", ".conf");
        Files.writeString(f, hocon);
        return GatewaySettings.check(Optional.of(f), Map.of());
    }

    @Test
    @DisplayName("Defaults: 3600 s held subscriptions (PRES-09), 60 s..24 h granted, 10 min refresh margin, probe before refresh (PRES-15)")
    void defaults() {
        PresenceSettings s = PresenceSettings.read(ConfigLoader.load(Optional.empty(), Map.of()).reader());
        assertEquals(Duration.ofHours(1), s.subscribeExpires());
        assertEquals(Duration.ofSeconds(60), s.minExpires());
        assertEquals(Duration.ofHours(24), s.maxExpires());
        assertEquals(Duration.ofMinutes(10), s.refreshMargin());
        assertTrue(s.probeBeforeRefresh());
        assertEquals(Show.DND, s.phone().style().show());
        assertEquals("", s.store().url(), "embedded H2 by default");
    }

    @Test
    @DisplayName("Phone presence without the dialog event package in gateway.sip is a configuration error naming both keys")
    void phoneNeedsDialogPackage() throws Exception {
        List<ConfigProblem> p = check("gateway.presence.phone.enabled = true\n");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).toString().contains("gateway.presence.phone.enabled"), p.toString());
        assertTrue(p.get(0).toString().contains("gateway.sip.event-packages"), p.toString());
        assertEquals(List.of(), check("gateway.presence.phone.enabled = true\ngateway.sip.event-packages = [presence, dialog]\n"));
    }

    @Test
    @DisplayName("Limits are checked: min-expires above max-expires, an unknown show, a zero batch size")
    void invalid() throws Exception {
        List<ConfigProblem> p = check("""
                gateway.presence { min-expires = 2h, max-expires = 1h, phone.show = sleepy, store.batch-size = 0 }
                """);
        assertEquals(3, p.size(), p.toString());
    }
}

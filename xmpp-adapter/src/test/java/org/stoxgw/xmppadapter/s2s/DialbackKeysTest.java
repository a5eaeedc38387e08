package org.stoxgw.xmppadapter.s2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DialbackKeysTest {
    @Test
    @DisplayName("XEP-0185 key for the XEP's example inputs (expected value computed independently with openssl)")
    void xep0185Vector() {
        DialbackKeys keys = new DialbackKeys("s3cr3tf0rd14lb4ck");
        assertEquals("008c689ff366b50c63d69a3e2d2c0e0e1f8404b0118eb688a0102c87cb691bdc",
                keys.key("example.net", "example.com", "D60000229F"));
    }

    @Test
    @DisplayName("a key verifies only for its own pair and stream id, and not with another secret")
    void verify() {
        DialbackKeys keys = new DialbackKeys("secret");
        String k = keys.key("remote.example", "gw.example.test", "id1");
        assertTrue(keys.verify("remote.example", "gw.example.test", "id1", k));
        assertFalse(keys.verify("remote.example", "gw.example.test", "id2", k));
        assertFalse(keys.verify("gw.example.test", "remote.example", "id1", k));
        assertFalse(keys.verify("other.example", "gw.example.test", "id1", k));
        assertFalse(new DialbackKeys("other").verify("remote.example", "gw.example.test", "id1", k));
        assertFalse(keys.verify("remote.example", "gw.example.test", "id1", null));
    }

    @Test
    void randomSecretsDiffer() {
        assertNotEquals(DialbackKeys.randomSecret(), DialbackKeys.randomSecret());
        assertEquals(64, DialbackKeys.randomSecret().length());
    }
}

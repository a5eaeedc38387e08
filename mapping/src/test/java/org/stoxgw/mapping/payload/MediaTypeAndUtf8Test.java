package org.stoxgw.mapping.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class MediaTypeAndUtf8Test {

    @Test
    void parsesTypeSubtypeAndParameters() {
        MediaType t = MediaType.parse(" Text/Plain ; charset=\"UTF-8\" ;format=flowed").orElseThrow();
        assertEquals("text/plain", t.essence());
        assertTrue(t.is("TEXT/PLAIN"));
        assertEquals("UTF-8", t.parameter("Charset").orElseThrow());
        assertEquals("flowed", t.parameter("format").orElseThrow());
    }

    @Test
    void rejectsWhatIsNotAMediaType() {
        assertFalse(MediaType.parse("").isPresent());
        assertFalse(MediaType.parse("text").isPresent());
        assertFalse(MediaType.parse("text/").isPresent());
        assertFalse(MediaType.parse("te xt/plain").isPresent());
        assertFalse(MediaType.parse(null).isPresent());
    }

    @Test
    void utf8LengthCountsBytesNotChars() {
        assertEquals(0, Utf8.byteLength(""));
        assertEquals(3, Utf8.byteLength("abc"));
        assertEquals(2, Utf8.byteLength("é"));
        assertEquals(3, Utf8.byteLength("€"));
        assertEquals(4, Utf8.byteLength("\uD83D\uDE00"));
        // M3: the Czech example body is 67 octets, not the printed Content-Length 45
        String czech = "Nic z obého, má děvo spanilá,\nnenavidíš-li jedno nebo druhé.";
        assertEquals(czech.getBytes(StandardCharsets.UTF_8).length, Utf8.byteLength(czech));
    }

    @Property(tries = 500)
    void utf8LengthMatchesTheEncoder(@ForAll String s) {
        assertEquals(s.getBytes(StandardCharsets.UTF_8).length, Utf8.byteLength(s));
    }

    @Test
    void strictDecodingRefusesMalformedUtf8() {
        assertEquals("déjà", Utf8.decodeStrict("déjà".getBytes(StandardCharsets.UTF_8)).orElseThrow());
        ParseResult<String> r = Utf8.decodeStrict(new byte[] {'a', (byte) 0xC3});
        assertEquals(ParseProblem.MALFORMED, ((ParseResult.Refused<String>) r).problem());
    }
}

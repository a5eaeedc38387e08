package org.stoxgw.sipadapter.msrp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The MSRP framing alone (RFC 4975 §9): bytes in, {@link MsrpFrame}s out, however TCP splits them;
 * bad input gives a {@link MsrpDecodeFailure} and nothing after it.
 */
class MsrpDecoderTest {

    static final String C3 = "MSRP di2fs53v SEND\r\n"
            + "To-Path: msrp://x2s.example.com:7654/jshA7weztas;tcp\r\n"
            + "From-Path: msrp://s2x.example.net:12763/kjhd37s2s20w2a;tcp\r\n"
            + "Message-ID: 6480C096-937A-46E7-BF9D-1353706B60AA\r\n"
            + "Byte-Range: 1-25/25\r\n"
            + "Failure-Report: no\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + "Neither, fair saint, if either thee dislike.\r\n"
            + "-------di2fs53v$\r\n";
    static final String C12 = "MSRP hx74g336 REPORT\r\n"
            + "To-Path: msrp://x2s.example.com:8763/lkjh37s2s20w2a;tcp\r\n"
            + "From-Path: msrp://s2x.example.net:7313/jshA7weztas;tcp\r\n"
            + "Message-ID: 6187CF9B-317A-41DA-BB6A-5E48A9C794EF\r\n"
            + "Byte-Range: 1-106/106\r\n"
            + "Status: 000 200 OK\r\n"
            + "-------hx74g336$\r\n";
    static final String RESPONSE = "MSRP di2fs53v 200 OK\r\n"
            + "To-Path: msrp://s2x.example.net:12763/kjhd37s2s20w2a;tcp\r\n"
            + "From-Path: msrp://x2s.example.com:7654/jshA7weztas;tcp\r\n"
            + "-------di2fs53v$\r\n";
    /** A body holding things that look like end-lines but are not this frame's (RFC 4975 §7.1). */
    static final String LOOKALIKE = "MSRP a1b2c3d4 SEND\r\n"
            + "To-Path: msrp://gw.example:2855/s1;tcp\r\n"
            + "From-Path: msrp://ua.example:2855/s2;tcp\r\n"
            + "Message-ID: m1\r\n"
            + "Byte-Range: 1-*/*\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + "line one\r\n-------other99$\r\n-------a1b2c3d4\r\n-------a1b2c3d4x\r\n"
            + "x-------a1b2c3d4$\r\n-------a1b2c3d4$ more\r\n"
            + "-------a1b2c3d4+\r\n";

    private EmbeddedChannel channel = new EmbeddedChannel(new MsrpDecoder(new MsrpDecoderLimits(256, 8, 4096)));

    @AfterEach
    void nothingLeftOver() {
        assertFalse(channel.finish(), "no frame or buffer may be left in the channel");
    }

    private List<Object> feed(byte[] bytes, int chunk) {
        for (int i = 0; i < bytes.length; i += chunk) {
            channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk))));
        }
        List<Object> out = new ArrayList<>();
        Object o;
        while ((o = channel.readInbound()) != null) {
            out.add(o);
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<Object> feedFresh(byte[] bytes, int chunk) {
        assertFalse(channel.finish());
        channel = new EmbeddedChannel(new MsrpDecoder(new MsrpDecoderLimits(256, 8, 4096)));
        return feed(bytes, chunk);
    }

    @Test
    @DisplayName("MSRP-02/03: whole, byte at a time and in 7-octet pieces give the same frames (C3, C12, a response)")
    void sameFramesHoweverSplit() {
        byte[] all = utf8(C3 + C12 + RESPONSE + LOOKALIKE);
        List<Object> whole = feed(all, all.length);
        assertEquals(4, whole.size());
        for (int chunk : new int[] {1, 2, 7, 13}) {
            List<Object> split = feedFresh(all, chunk);
            assertEquals(whole.size(), split.size(), "chunk " + chunk);
            for (int i = 0; i < whole.size(); i++) {
                MsrpFrame a = (MsrpFrame) whole.get(i);
                MsrpFrame b = (MsrpFrame) split.get(i);
                assertEquals(a.toString(), b.toString(), "chunk " + chunk);
                assertArrayEquals(a.body(), b.body(), "chunk " + chunk);
            }
        }
    }

    @Test
    @DisplayName("MSRP-02, C3: a SEND's start line, headers in order, Content-Type, body measured from the payload")
    void send() {
        MsrpFrame f = (MsrpFrame) feed(utf8(C3), 1).get(0);
        assertEquals("di2fs53v", f.tid());
        assertEquals("SEND", f.method());
        assertEquals("To-Path", f.headers().all().get(0).name());
        assertEquals("msrp://x2s.example.com:7654/jshA7weztas;tcp", f.toPath().orElseThrow().first().toString());
        assertEquals("6480C096-937A-46E7-BF9D-1353706B60AA", f.messageId().orElseThrow());
        assertEquals("text/plain", f.contentType());
        assertEquals("no", f.failureReport());
        assertEquals("Neither, fair saint, if either thee dislike.", new String(f.body(), StandardCharsets.UTF_8));
        assertEquals(44, f.bodyLength(), "the wrong Byte-Range (1-25/25) does not cut the body (MSRP-15)");
        assertEquals(MsrpFrame.COMPLETE, f.flag());
    }

    @Test
    @DisplayName("MSRP-03, MSRP-11, C12: a REPORT without body ends at its end-line after the headers")
    void bodylessReport() {
        MsrpFrame f = (MsrpFrame) feed(utf8(C12), 3).get(0);
        assertEquals("REPORT", f.method());
        assertNull(f.body());
        assertEquals("000 200 OK", f.headers().get("status").orElseThrow());
        assertFalse(f.successReport(), "MSRP-07: absent Success-Report is no");
    }

    @Test
    @DisplayName("MSRP-12: a response's status and comment")
    void response() {
        MsrpFrame f = (MsrpFrame) feed(utf8(RESPONSE), 5).get(0);
        assertTrue(f.isResponse());
        assertEquals(200, f.status());
        assertEquals("OK", f.comment());
    }

    @Test
    @DisplayName("MSRP-02: end-line lookalikes inside a body stay in the body; '+' marks more chunks")
    void endLineLookalike() {
        MsrpFrame f = (MsrpFrame) feed(utf8(LOOKALIKE), 1).get(0);
        assertEquals("line one\r\n-------other99$\r\n-------a1b2c3d4\r\n-------a1b2c3d4x\r\n"
                + "x-------a1b2c3d4$\r\n-------a1b2c3d4$ more", new String(f.body(), StandardCharsets.UTF_8));
        assertEquals(MsrpFrame.CONTINUED, f.flag());
    }

    @Test
    @DisplayName("MSRP-05: an empty SEND (1-0/0) and an empty body with Content-Type")
    void emptyBodies() {
        String bind = "MSRP abcd1234 SEND\r\nTo-Path: msrp://a:1/s;tcp\r\nFrom-Path: msrp://b:2/t;tcp\r\n"
                + "Message-ID: m\r\nByte-Range: 1-0/0\r\n-------abcd1234$\r\n";
        String empty = "MSRP abcd1235 SEND\r\nTo-Path: msrp://a:1/s;tcp\r\nFrom-Path: msrp://b:2/t;tcp\r\n"
                + "Message-ID: m\r\nContent-Type: text/plain\r\n\r\n\r\n-------abcd1235$\r\n";
        List<Object> out = feed(utf8(bind + empty), 1);
        assertNull(((MsrpFrame) out.get(0)).body());
        assertEquals(0, ((MsrpFrame) out.get(1)).body().length);
    }

    @Test
    @DisplayName("C15: the two chunks of RFC 4975 Fig. 3 frame as '+' then '$'")
    void c15Frames() {
        String fig3 = "MSRP dkei38sd SEND\r\nMessage-ID: 4564dpWd\r\nByte-Range: 1-*/8\r\nContent-Type: text/plain\r\n\r\n"
                + "abcd\r\n-------dkei38sd+\r\n"
                + "MSRP dkei38ia SEND\r\nMessage-ID: 4564dpWd\r\nByte-Range: 5-8/8\r\nContent-Type: text/plain\r\n\r\n"
                + "EFGH\r\n-------dkei38ia$\r\n";
        List<Object> out = feed(utf8(fig3), 1);
        assertEquals(2, out.size());
        assertEquals(MsrpFrame.CONTINUED, ((MsrpFrame) out.get(0)).flag());
        assertEquals("EFGH", new String(((MsrpFrame) out.get(1)).body(), StandardCharsets.US_ASCII));
    }

    @Test
    @DisplayName("CHAT-27: a chunk body over the limit is reported truncated once, discarded to its end-line, framing goes on")
    void oversizeChunkIsDiscarded() {
        String big = "x".repeat(10_000);
        String frame = "MSRP t1abcdefgh SEND\r\nTo-Path: msrp://a:1/s;tcp\r\nFrom-Path: msrp://b:2/t;tcp\r\n"
                + "Message-ID: big\r\nByte-Range: 1-*/50000\r\nContent-Type: text/plain\r\n\r\n" + big
                + "\r\n-------t1abcdefgh#\r\n";
        for (int chunk : new int[] {1, 100, 20_000}) {
            List<Object> out = feedFresh(utf8(frame + C12), chunk);
            assertEquals(2, out.size(), "chunk " + chunk);
            MsrpFrame t = (MsrpFrame) out.get(0);
            assertTrue(t.truncated());
            assertNull(t.body());
            assertEquals("t1abcdefgh", t.tid());
            assertEquals("REPORT", ((MsrpFrame) out.get(1)).method(), "the next frame is read normally");
        }
    }

    @Test
    @DisplayName("MSRP-02: garbage, a bad tid, a header without a colon: a decode failure and nothing after it")
    void garbage() {
        for (String bad : new String[] {"GET / HTTP/1.1\r\n\r\n", "MSRP ab SEND\r\n", "MSRP abcd1234 send\r\n",
                "MSRP abcd1234 SEND\r\nTo-Path msrp://a:1/s;tcp\r\n", "MSRP abcd1234 SEND\n"}) {
            List<Object> out = feedFresh(utf8(bad + C12), 1);
            assertEquals(1, out.size(), bad);
            assertInstanceOf(MsrpDecodeFailure.class, out.get(0), bad);
            assertEquals(400, ((MsrpDecodeFailure) out.get(0)).status());
        }
    }

    @Test
    @DisplayName("MSRP-02: a header line over the limit and too many headers fail with the tid known (400 can be sent)")
    void headerLimits() {
        String longHeader = "MSRP abcd1234 SEND\r\nTo-Path: " + "x".repeat(300) + "\r\n";
        MsrpDecodeFailure f = (MsrpDecodeFailure) feedFresh(utf8(longHeader), 1).get(0);
        assertEquals("abcd1234", f.tid());
        StringBuilder many = new StringBuilder("MSRP abcd1234 SEND\r\n");
        for (int i = 0; i < 9; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        assertInstanceOf(MsrpDecodeFailure.class, feedFresh(utf8(many.toString()), 4).get(0));
    }

    @Test
    @DisplayName("MSRP-02: no end-line yet means no frame yet, not a failure (the bytes wait)")
    void incompleteWaits() {
        String partial = C3.substring(0, C3.length() - 5);
        assertTrue(feed(utf8(partial), 1).isEmpty());
        assertEquals(1, feed(utf8(C3.substring(C3.length() - 5)), 1).size());
    }

    @Test
    @DisplayName("MSRP-02: encoder output decodes to the same frame; a body holding its own end-line is refused")
    void encoderRoundTrip() {
        MsrpFrame f = (MsrpFrame) feed(utf8(C3), C3.length()).get(0);
        ByteBuf buf = Unpooled.buffer();
        MsrpEncoder.encode(f, buf);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        assertEquals(C3, new String(bytes, StandardCharsets.UTF_8));
        MsrpFrame evil = MsrpFrame.request("abcd1234", "SEND", f.headers(), utf8("a\r\n-------abcd1234$\r\n"), '$');
        org.junit.jupiter.api.Assertions.assertThrows(io.netty.handler.codec.EncoderException.class,
                () -> MsrpEncoder.encode(evil, Unpooled.buffer()));
    }
}

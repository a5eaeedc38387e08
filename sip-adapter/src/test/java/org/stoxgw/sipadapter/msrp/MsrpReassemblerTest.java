package org.stoxgw.sipadapter.msrp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.sipadapter.msrp.MsrpReassembler.Outcome;

/** Chunking and reassembly (RFC 4975 §5.1, §7.1.1, §7.3.1). */
class MsrpReassemblerTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    @DisplayName("C15, CHAT-24: 1-*/8 'abcd' then 5-8/8 'EFGH' is one message abcdEFGH")
    void c15() {
        MsrpReassembler r = new MsrpReassembler(8000, 4);
        assertEquals(Outcome.INCOMPLETE, r.accept("4564dpWd", ByteRange.parse("1-*/8").get(), ascii("abcd"), '+', "text/plain").outcome());
        MsrpReassembler.Result done = r.accept("4564dpWd", ByteRange.parse("5-8/8").get(), ascii("EFGH"), '$', "text/plain");
        assertEquals(Outcome.COMPLETE, done.outcome());
        assertEquals("abcdEFGH", new String(done.content(), StandardCharsets.US_ASCII));
        assertEquals(0, r.inProgress());
    }

    @Test
    @DisplayName("CHAT-24, MSRP-05/06: a 1 MiB message chunked, shuffled, and reassembled intact")
    void oneMebibyteShuffled() {
        byte[] msg = new byte[1024 * 1024];
        new Random(7).nextBytes(msg);
        List<MsrpChunker.Chunk> chunks = new ArrayList<>(MsrpChunker.split(msg.length, 4096));
        assertEquals(256, chunks.size());
        assertTrue(chunks.stream().allMatch(c -> c.range().end() == -1), "chunks over 2048 octets are interruptible");
        assertTrue(chunks.get(255).last());
        Collections.shuffle(chunks, new Random(3));
        MsrpReassembler r = new MsrpReassembler(2 * 1024 * 1024, 4);
        MsrpReassembler.Result last = null;
        for (MsrpChunker.Chunk c : chunks) {
            byte[] body = java.util.Arrays.copyOfRange(msg, c.offset(), c.offset() + c.length());
            last = r.accept("big", c.range(), body, c.last() ? '$' : '+', "application/octet-stream");
            if (last.outcome() == Outcome.COMPLETE) {
                break;
            }
        }
        assertEquals(Outcome.COMPLETE, last.outcome());
        assertArrayEquals(msg, last.content());
    }

    @Test
    @DisplayName("MSRP-15: chunks of two messages interleaved; an overlap is won by the latest chunk")
    void interleavedAndOverlap() {
        MsrpReassembler r = new MsrpReassembler(100, 4);
        r.accept("A", new ByteRange(1, 3, 6), ascii("aaa"), '+', "text/plain");
        r.accept("B", new ByteRange(1, 2, 4), ascii("bb"), '+', "text/plain");
        r.accept("A", new ByteRange(3, 4, 6), ascii("XY"), '+', "text/plain");
        MsrpReassembler.Result b = r.accept("B", new ByteRange(3, 4, 4), ascii("BB"), '$', "text/plain");
        MsrpReassembler.Result a = r.accept("A", new ByteRange(5, 6, 6), ascii("zz"), '$', "text/plain");
        assertEquals("bbBB", new String(b.content(), StandardCharsets.US_ASCII));
        assertEquals("aaXYzz", new String(a.content(), StandardCharsets.US_ASCII));
    }

    @Test
    @DisplayName("MSRP-15: the '$' chunk arriving before a middle chunk fixes the total; the middle one completes it")
    void lastBeforeMiddle() {
        MsrpReassembler r = new MsrpReassembler(100, 4);
        r.accept("A", new ByteRange(1, 2, -1), ascii("ab"), '+', "text/plain");
        assertEquals(Outcome.INCOMPLETE, r.accept("A", new ByteRange(5, 6, -1), ascii("ef"), '$', "text/plain").outcome());
        assertEquals("abcdef", new String(r.accept("A", new ByteRange(3, 4, -1), ascii("cd"), '+', "text/plain").content(),
                StandardCharsets.US_ASCII));
    }

    @Test
    @DisplayName("RFC 4975 §7.1: an aborted message ('#') is dropped and frees its buffer")
    void aborted() {
        MsrpReassembler r = new MsrpReassembler(100, 4);
        r.accept("A", new ByteRange(1, 2, 10), ascii("ab"), '+', "text/plain");
        assertEquals(Outcome.ABORTED, r.accept("A", new ByteRange(3, 4, 10), ascii("cd"), '#', "text/plain").outcome());
        assertEquals(0, r.inProgress());
    }

    @Test
    @DisplayName("CHAT-27, C14: a Byte-Range total over max-size is refused, later chunks of it ignored")
    void tooLarge() {
        MsrpReassembler r = new MsrpReassembler(8000, 4);
        assertEquals(Outcome.TOO_LARGE, r.accept("M", ByteRange.parse("1-2048/50000").get(), new byte[2048], '+', "text/plain").outcome());
        assertEquals(Outcome.IGNORED, r.accept("M", ByteRange.parse("2049-4096/50000").get(), new byte[2048], '+', "text/plain").outcome());
        assertEquals(Outcome.TOO_LARGE, r.accept("N", ByteRange.parse("7999-*/*").get(), new byte[10], '+', "text/plain").outcome(),
                "an unknown total is checked against the highest byte");
    }

    @Test
    @DisplayName("MSRP-05: a bounded number of messages in progress at once")
    void tooMany() {
        MsrpReassembler r = new MsrpReassembler(100, 2);
        r.accept("A", new ByteRange(1, 1, 2), ascii("a"), '+', "text/plain");
        r.accept("B", new ByteRange(1, 1, 2), ascii("b"), '+', "text/plain");
        assertEquals(Outcome.TOO_MANY, r.accept("C", new ByteRange(1, 1, 2), ascii("c"), '+', "text/plain").outcome());
    }

    @Test
    @DisplayName("MSRP-05/06: chunk ranges, the empty message 1-0/0, small chunks carry their end")
    void chunker() {
        assertEquals("1-0/0", MsrpChunker.split(0, 2048).get(0).range().toString());
        List<MsrpChunker.Chunk> c = MsrpChunker.split(5000, 2048);
        assertEquals(List.of("1-2048/5000", "2049-4096/5000", "4097-5000/5000"),
                c.stream().map(x -> x.range().toString()).toList());
    }
}

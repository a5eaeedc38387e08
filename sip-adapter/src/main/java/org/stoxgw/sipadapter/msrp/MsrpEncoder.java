package org.stoxgw.sipadapter.msrp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Writes an {@link MsrpFrame} (RFC 4975 §9, MSRP-02/03): start line, the headers in the frame's
 * order (the frame's builder puts To-Path, From-Path first and Content-Type last), then, if there
 * is a body, an empty line, the body and CRLF, then the end-line {@code -------tid flag}.
 *
 * <p>A body that contains its own end-line would end the frame early at the receiver; the sender
 * must pick a tid that does not occur in it (§7.1), so such a frame is refused with an
 * {@link EncoderException} rather than written. Stateless and sharable.
 */
@ChannelHandler.Sharable
public final class MsrpEncoder extends MessageToByteEncoder<MsrpFrame> {

    public MsrpEncoder() {
        super(MsrpFrame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MsrpFrame f, ByteBuf out) {
        encode(f, out);
    }

    /** Writes {@code f} into {@code out}; usable without a channel (tests, benchmarks). */
    public static void encode(MsrpFrame f, ByteBuf out) {
        byte[] endLine = ("-------" + f.tid()).getBytes(StandardCharsets.US_ASCII);
        if (f.body() != null && contains(f.body(), endLine)) {
            throw new EncoderException("MSRP body contains its own end-line; choose another transaction id");
        }
        out.writeCharSequence("MSRP ", StandardCharsets.US_ASCII);
        out.writeCharSequence(f.tid(), StandardCharsets.US_ASCII);
        out.writeByte(' ');
        if (f.isRequest()) {
            out.writeCharSequence(f.method(), StandardCharsets.US_ASCII);
        } else {
            int st = f.status();
            out.writeByte('0' + st / 100 % 10).writeByte('0' + st / 10 % 10).writeByte('0' + st % 10);
            if (!f.comment().isEmpty()) {
                out.writeByte(' ');
                out.writeCharSequence(f.comment(), StandardCharsets.UTF_8);
            }
        }
        crlf(out);
        for (MsrpHeaders.Header h : f.headers().all()) {
            out.writeCharSequence(h.name(), StandardCharsets.US_ASCII);
            out.writeByte(':').writeByte(' ');
            out.writeCharSequence(h.value(), StandardCharsets.UTF_8);
            crlf(out);
        }
        if (f.body() != null) {
            crlf(out);
            out.writeBytes(f.body());
            crlf(out);
        }
        out.writeBytes(endLine);
        out.writeByte(f.flag());
        crlf(out);
    }

    private static void crlf(ByteBuf out) {
        out.writeByte('\r').writeByte('\n');
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}

package org.stoxgw.sipadapter.inbound;

import gov.nist.javax.sip.message.SIPRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.sip.header.ContentEncodingHeader;

/**
 * Content-Encoding of request bodies (RFC 3261 §20.12, codings as in HTTP/1.1, RFC 9110 §8.4.1):
 * {@code identity}, {@code gzip} (RFC 1952; {@code x-gzip} as its alias) and {@code deflate} (the
 * zlib format, RFC 1950; a bare RFC 1951 stream, which some senders write, is accepted too). A body
 * is decoded before the request reaches the core, which then sees an identity body and no
 * Content-Encoding, undoing the codings in the reverse order of their listing. Decoding stops at
 * {@code limit} bytes, so a small body that inflates to gigabytes (a "zip bomb") costs at most the
 * limit in memory and time. Pure apart from the request it rewrites; thread-safe.
 */
final class BodyEncodings {
    /** What a 415 and an answer to OPTIONS list as Accept-Encoding (RFC 3261 §20.2). */
    static final String ACCEPT_ENCODING = "gzip, deflate, identity";

    private BodyEncodings() {
    }

    /** The codings of {@code r}'s Content-Encoding fields, lower case, in the order applied, without identity. */
    static List<String> codings(SIPRequest r) {
        List<String> out = new ArrayList<>();
        ListIterator<?> it = r.getHeaders(ContentEncodingHeader.NAME);
        while (it != null && it.hasNext()) {
            for (String c : ((ContentEncodingHeader) it.next()).getEncoding().split(",")) {
                String coding = c.trim().toLowerCase(Locale.ROOT);
                if (!coding.isEmpty() && !coding.equals("identity")) {
                    out.add(coding.equals("x-gzip") ? "gzip" : coding);
                }
            }
        }
        return out;
    }

    /** The first coding the gateway cannot decode, or null. */
    static String unsupported(List<String> codings) {
        for (String c : codings) {
            if (!c.equals("gzip") && !c.equals("deflate")) {
                return c;
            }
        }
        return null;
    }

    /**
     * Replaces {@code r}'s encoded body with the decoded one (Content-Length follows, Content-Encoding
     * goes), or returns why not: 513 when the decoded request would exceed {@code maxMessageSize}
     * (the limit of gateway.sip.limits.max-message-size holds for what the core gets), 400 when the
     * body does not decode. Null when there was nothing to do or it was done.
     */
    static Rejection decodeInPlace(SIPRequest r, int maxMessageSize) {
        List<String> codings = codings(r);
        byte[] body = r.getRawContent();
        if (codings.isEmpty() || body == null || body.length == 0) {
            return null;
        }
        int limit = Math.max(0, maxMessageSize - r.getSize());
        byte[] decoded = body;
        for (int i = codings.size() - 1; i >= 0; i--) {
            String coding = codings.get(i);
            try {
                decoded = coding.equals("gzip") ? gunzip(decoded, limit) : inflate(decoded, limit);
            } catch (TooLarge e) {
                return new Rejection(513, "Message Too Large (decompressed body over " + limit + " bytes)", "too-large");
            } catch (IOException e) {
                return new Rejection(400, "Bad Request (body is not valid " + coding + ")", "malformed");
            }
        }
        r.removeHeader(ContentEncodingHeader.NAME);
        r.setMessageContent(decoded);
        return null;
    }

    private static byte[] gunzip(byte[] in, int limit) throws IOException {
        try (InputStream z = new GZIPInputStream(new ByteArrayInputStream(in))) {
            return readAtMost(z, limit);
        }
    }

    /** zlib (RFC 1950) as the name says; a bare deflate stream (RFC 1951) when the zlib header is not there. */
    private static byte[] inflate(byte[] in, int limit) throws IOException {
        boolean zlib = in.length >= 2 && (in[0] & 0x0F) == 8 && ((in[0] & 0xFF) << 8 | (in[1] & 0xFF)) % 31 == 0;
        Inflater inflater = new Inflater(!zlib);
        // a bare stream needs one byte past its end to finish (Inflater's "nowrap" contract)
        byte[] input = zlib ? in : java.util.Arrays.copyOf(in, in.length + 1);
        try (InputStream z = new InflaterInputStream(new ByteArrayInputStream(input), inflater)) {
            byte[] out = readAtMost(z, limit);
            if (!inflater.finished()) {
                throw new IOException("truncated deflate stream");
            }
            return out;
        } finally {
            inflater.end();
        }
    }

    private static byte[] readAtMost(InputStream z, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192) + 1);
        byte[] buf = new byte[8192];
        int n;
        while ((n = z.read(buf)) >= 0) {
            if (out.size() + n > limit) {
                throw new TooLarge();
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** The decoded body would be larger than the limit. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null);
        }
    }
}

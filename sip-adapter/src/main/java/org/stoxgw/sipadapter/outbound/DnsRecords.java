package org.stoxgw.sipadapter.outbound;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.dns.DefaultDnsRecordDecoder;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * RDATA of the two record types Netty leaves raw: NAPTR (RFC 3403 section 4.1) and SRV (RFC 2782).
 * Netty's raw record content is a view into the whole DNS message, so compressed names decode.
 */
final class DnsRecords {
    private DnsRecords() {
    }

    /** A NAPTR record; {@code replacement} without the trailing dot, "" for ".". */
    record Naptr(int order, int preference, String flags, String service, String replacement, long ttl) {
    }

    /** An SRV record; {@code target} without the trailing dot, "" for "." (no service). */
    record Srv(int priority, int weight, int port, String target, long ttl) {
    }

    static Naptr naptr(DnsRecord r) {
        ByteBuf b = ((DnsRawRecord) r).content().duplicate();
        int order = b.readUnsignedShort();
        int pref = b.readUnsignedShort();
        String flags = characterString(b);
        String service = characterString(b);
        characterString(b); // regexp: unused by RFC 3263 (the "s" flag with a replacement)
        String replacement = name(b);
        return new Naptr(order, pref, flags.toLowerCase(Locale.ROOT), service.toUpperCase(Locale.ROOT), replacement,
                r.timeToLive());
    }

    static Srv srv(DnsRecord r) {
        ByteBuf b = ((DnsRawRecord) r).content().duplicate();
        int priority = b.readUnsignedShort();
        int weight = b.readUnsignedShort();
        int port = b.readUnsignedShort();
        return new Srv(priority, weight, port, name(b), r.timeToLive());
    }

    private static String characterString(ByteBuf b) {
        int len = b.readUnsignedByte();
        String s = b.toString(b.readerIndex(), len, StandardCharsets.US_ASCII);
        b.skipBytes(len);
        return s;
    }

    private static String name(ByteBuf b) {
        String n = DefaultDnsRecordDecoder.decodeName(b).toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}

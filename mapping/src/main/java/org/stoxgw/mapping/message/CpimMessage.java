package org.stoxgw.mapping.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;

/**
 * A {@code message/cpim} message (RFC 3862): message headers, the MIME headers of the
 * encapsulated content, and the content with its Content-Type.
 *
 * @param headers        message headers in order (From, To, DateTime, Subject, NS, Require, ...)
 * @param contentHeaders MIME headers of the content (Content-Type, Content-ID, Content-Disposition ...)
 * @param content        the content; its content type is the Content-Type header (text/plain if absent)
 */
public record CpimMessage(List<CpimHeader> headers, SipHeaders contentHeaders, SipBody content) {

    /** The IMDN namespace URI used in {@code NS:} headers (RFC 5438 §6.1). */
    public static final String IMDN_NS = "urn:ietf:params:imdn";

    public CpimMessage {
        headers = List.copyOf(headers);
        Objects.requireNonNull(contentHeaders, "contentHeaders");
        Objects.requireNonNull(content, "content");
    }

    /** The first header of this name (case-insensitive), if any. */
    public Optional<CpimHeader> first(String name) {
        for (CpimHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    /** Every header of this name, in order. */
    public List<CpimHeader> all(String name) {
        List<CpimHeader> out = new ArrayList<>(2);
        for (CpimHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                out.add(h);
            }
        }
        return out;
    }

    /**
     * The prefix an {@code NS:} header binds to {@code namespaceUri} (RFC 3862 §3.3.7), or
     * {@code fallback} when no NS header names it (tolerating senders that omit NS).
     */
    public String prefixFor(String namespaceUri, String fallback) {
        for (CpimHeader h : all("NS")) {
            String v = h.value().trim();
            int lt = v.indexOf('<');
            int gt = v.lastIndexOf('>');
            if (lt >= 0 && gt > lt && v.substring(lt + 1, gt).trim().equals(namespaceUri)) {
                return v.substring(0, lt).trim();
            }
        }
        return fallback;
    }

    /** An IMDN header ({@code Message-ID}, {@code Disposition-Notification}) under its declared prefix. */
    public Optional<String> imdnHeader(String localName) {
        String prefix = prefixFor(IMDN_NS, "imdn");
        return first(prefix.isEmpty() ? localName : prefix + "." + localName).map(CpimHeader::value).map(String::trim);
    }
}

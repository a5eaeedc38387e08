package org.stoxgw.testfixtures.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the test agent should send: method and Request-URI, identity (tags and Call-ID are made up
 * unless given) and further header fields as text. The agent adds Via and, unless given,
 * Contact and Max-Forwards.
 */
public final class OutgoingRequest {
    final String method;
    final String requestUri;
    String from;
    String fromTag = "ua" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    String to;
    String toTag;
    String callId = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36) + "@test.agent";
    long cseq = 1;
    final List<String[]> headers = new ArrayList<>();
    String contentType;
    byte[] body;

    OutgoingRequest(String method, String requestUri) {
        this.method = method;
        this.requestUri = requestUri;
        this.from = "sip:agent@test.invalid";
        this.to = requestUri;
    }

    /** From URI (a tag is added). */
    public OutgoingRequest from(String uri) {
        this.from = uri;
        return this;
    }

    public OutgoingRequest fromTag(String tag) {
        this.fromTag = tag;
        return this;
    }

    /** To URI (without tag unless {@link #toTag}). */
    public OutgoingRequest to(String uri) {
        this.to = uri;
        return this;
    }

    public OutgoingRequest toTag(String tag) {
        this.toTag = tag;
        return this;
    }

    public OutgoingRequest callId(String id) {
        this.callId = id;
        return this;
    }

    public OutgoingRequest cseq(long n) {
        this.cseq = n;
        return this;
    }

    /** One more header field, e.g. {@code header("Event", "presence")}. */
    public OutgoingRequest header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    /** A body with its Content-Type. */
    public OutgoingRequest body(String contentType, String text) {
        this.contentType = contentType;
        this.body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return this;
    }

    /** A body of raw bytes (e.g. compressed) with its Content-Type. */
    public OutgoingRequest body(String contentType, byte[] bytes) {
        this.contentType = contentType;
        this.body = bytes.clone();
        return this;
    }

    public String callId() {
        return callId;
    }

    public String fromTag() {
        return fromTag;
    }
}

package org.stoxgw.mapping.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.payload.ParseProblem;
import org.stoxgw.mapping.payload.ParseResult;
import org.stoxgw.mapping.sip.SipBody;

class CpimCodecTest {

    /** RFC 3862 §4 example message (the part after the outer Content-type). */
    static final String RFC3862 = "From: MR SANDERS <im:piglet@100akerwood.com>\r\n"
            + "To: Depressed Donkey <im:eeyore@100akerwood.com>\r\n"
            + "DateTime: 2000-12-13T13:40:00-08:00\r\n"
            + "Subject: the weather will be fine today\r\n"
            + "Subject:;lang=fr beau temps prevu pour aujourd'hui\r\n"
            + "NS: MyFeatures <mid:MessageFeatures@id.foo.com>\r\n"
            + "Require: MyFeatures.VitalMessageOption\r\n"
            + "MyFeatures.VitalMessageOption: Confirmation-requested\r\n"
            + "MyFeatures.WackyMessageOption: Use-silly-font\r\n"
            + "\r\n"
            + "Content-type: text/xml; charset=utf-8\r\n"
            + "Content-ID: <1234567890@foo.com>\r\n"
            + "\r\n"
            + "<body>\r\n"
            + "Here is the text of my message.\r\n"
            + "</body>\r\n";

    static ParseResult<CpimMessage> parse(String s) {
        return CpimCodec.parse(s.getBytes(StandardCharsets.UTF_8), PayloadLimits.DEFAULT);
    }

    static ParseProblem problem(ParseResult<?> r) {
        assertFalse(r.isOk());
        return ((ParseResult.Refused<?>) r).problem();
    }

    @Test
    @DisplayName("RFC 3862 §4: a Require naming a header the gateway does not understand refuses the message")
    void requireNotUnderstood() {
        ParseResult<CpimMessage> r = parse(RFC3862);
        assertEquals(ParseProblem.MUST_UNDERSTAND, problem(r));
        assertTrue(((ParseResult.Refused<?>) r).detail().contains("MyFeatures.VitalMessageOption"));
    }

    @Test
    @DisplayName("RFC 3862 §4 example without Require: headers, lang parameter, content headers and content")
    void rfc3862Example() {
        CpimMessage m = parse(RFC3862.replace("Require: MyFeatures.VitalMessageOption\r\n", "")).orElseThrow();
        assertEquals("MR SANDERS <im:piglet@100akerwood.com>", m.first("from").orElseThrow().value());
        List<CpimHeader> subjects = m.all("Subject");
        assertEquals(new CpimHeader("Subject", "the weather will be fine today", ""), subjects.get(0));
        assertEquals(new CpimHeader("Subject", "beau temps prevu pour aujourd'hui", "fr"), subjects.get(1));
        assertEquals("MyFeatures", m.prefixFor("mid:MessageFeatures@id.foo.com", ""));
        assertEquals("text/xml; charset=utf-8", m.content().contentType());
        assertEquals("<1234567890@foo.com>", m.contentHeaders().first("Content-ID").orElseThrow());
        assertEquals("<body>\r\nHere is the text of my message.\r\n</body>\r\n", m.content().utf8());
    }

    @Test
    @DisplayName("Require of understood headers (IMDN under any declared prefix) is fine; bare LF is tolerated")
    void requireUnderstood() {
        String s = "From: <sip:a@b>\nNS: x <urn:ietf:params:imdn>\nRequire: x.Message-ID, Subject\nx.Message-ID: 77\n\n"
                + "Content-Type: text/plain\n\nhi";
        CpimMessage m = parse(s).orElseThrow();
        assertEquals("77", m.imdnHeader("Message-ID").orElseThrow());
        assertEquals("hi", m.content().utf8());
    }

    @Test
    @DisplayName("hostile CPIM: no separator, header without colon, too many headers, oversize, not UTF-8")
    void hostile() {
        assertEquals(ParseProblem.MALFORMED, problem(parse("From: <sip:a@b>\r\n")));
        assertEquals(ParseProblem.MALFORMED, problem(parse("no colon here\r\n\r\n\r\nx")));
        assertEquals(ParseProblem.TOO_LARGE, problem(parse("X: y\r\n".repeat(1000) + "\r\n\r\nx")));
        assertEquals(ParseProblem.TOO_LARGE, problem(CpimCodec.parse(new byte[100], new PayloadLimits(10, 8, 8))));
        byte[] latin = "From: <sip:\u00e9@b>\r\n\r\n\r\nx".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(ParseProblem.MALFORMED, problem(CpimCodec.parse(latin, PayloadLimits.DEFAULT)));
    }

    @Test
    @DisplayName("wrap: header values cannot inject headers; binary content is carried unchanged")
    void wrapIsSafe() {
        byte[] content = {0, 1, 2, (byte) 0xFF, '\r', '\n', '\r', '\n', 'x'};
        SipBody b = CpimCodec.wrap("sip:a@b\r\nEvil: 1", "sip:c@d", null, List.of(CpimHeader.of("Subject", "x\r\n\r\ny")),
                SipBody.of("application/octet-stream", content));
        CpimMessage m = CpimCodec.parse(b.content(), PayloadLimits.DEFAULT).orElseThrow();
        assertFalse(m.first("Evil").isPresent());
        assertEquals("x    y", m.first("Subject").orElseThrow().value());
        assertEquals("application/octet-stream", m.content().contentType());
        assertEquals(SipBody.of("application/octet-stream", content), m.content());
    }
}

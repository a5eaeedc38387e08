package org.stoxgw.mapping.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentClassifierTest {

    static ContentDecision.Kind kind(String ct, ContentPolicy p) {
        return assertInstanceOf(ContentDecision.Translate.class, ContentClassifier.classify(ct, p)).kind();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "TEXT/PLAIN", "text/plain; charset=UTF-8", "text/plain;charset=\"iso-8859-1\"",
        "text/plain;format=flowed"})
    @DisplayName("MSG-05 / IM-17: text/plain is always accepted, even when nothing else is")
    void textPlainAlways(String ct) {
        assertEquals(ContentDecision.Kind.TEXT_PLAIN, kind(ct, ContentPolicy.TEXT_ONLY));
    }

    @Test
    @DisplayName("a body without Content-Type is text/plain (RFC 2045 §5.2)")
    void missingContentType() {
        assertEquals(ContentDecision.Kind.TEXT_PLAIN, kind(null, ContentPolicy.TEXT_ONLY));
        assertEquals(ContentDecision.Kind.TEXT_PLAIN, kind(" ", ContentPolicy.TEXT_ONLY));
    }

    @Test
    @DisplayName("IM-18/IM-20: optional payloads follow the policy")
    void optionalPayloads() {
        assertEquals(ContentDecision.Kind.TEXT_HTML, kind("text/html; charset=utf-8", ContentPolicy.ALL));
        assertInstanceOf(ContentDecision.Unwrap.class, ContentClassifier.classify("Message/CPIM", ContentPolicy.ALL));
        assertEquals(ContentDecision.Kind.IS_COMPOSING, kind("application/im-iscomposing+xml", ContentPolicy.ALL));
        assertEquals(ContentDecision.Kind.IMDN, kind("message/imdn+xml", ContentPolicy.ALL));
        for (String ct : new String[] {"text/html", "message/cpim", "application/im-iscomposing+xml", "message/imdn+xml"}) {
            assertInstanceOf(ContentDecision.Refuse.class, ContentClassifier.classify(ct, ContentPolicy.TEXT_ONLY), ct);
        }
    }

    @Test
    @DisplayName("anything else is refused with 415 and the Accept list of what the policy takes")
    void refuse() {
        ContentDecision.Refuse r = assertInstanceOf(ContentDecision.Refuse.class,
                ContentClassifier.classify("application/vnd.gsma.rcs-ft-http+xml", ContentPolicy.ALL));
        assertEquals(415, ContentDecision.Refuse.STATUS);
        assertEquals("text/plain, text/html, message/cpim, application/im-iscomposing+xml, message/imdn+xml", r.accept());
        assertEquals("text/plain", ((ContentDecision.Refuse) ContentClassifier.classify("image/png", ContentPolicy.TEXT_ONLY))
                .accept());
        assertInstanceOf(ContentDecision.Refuse.class, ContentClassifier.classify("multipart/mixed;boundary=x", ContentPolicy.ALL));
        assertInstanceOf(ContentDecision.Refuse.class, ContentClassifier.classify("garbage", ContentPolicy.ALL));
        assertInstanceOf(ContentDecision.Refuse.class, ContentClassifier.classify("text/plain;charset=x-klingon", ContentPolicy.ALL));
    }

    @Test
    @DisplayName("IMDN needs CPIM, so enabling IMDN enables CPIM")
    void imdnImpliesCpim() {
        ContentPolicy p = new ContentPolicy(false, false, false, true);
        assertEquals(true, p.cpim());
        assertEquals("text/plain, message/cpim, message/imdn+xml", p.acceptHeader());
    }
}

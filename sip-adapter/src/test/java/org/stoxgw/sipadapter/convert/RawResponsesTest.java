package org.stoxgw.sipadapter.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.mapping.sip.SipResponse;

/** The common answer to a MESSAGE read from its bytes gives what JAIN-SIP's parse gives. */
class RawResponsesTest {
    static final String OK = "SIP/2.0 200 OK\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-stx1a2b3c4d;rport=5060;received=192.0.2.1\r\n"
            + "From: <sip:juliet@xmpp.example.test>;tag=g1\r\n"
            + "To: <sip:romeo@sip.example.test>;tag=sink\r\n"
            + "Call-ID: a84b4c76e66710@gw.example.test\r\n"
            + "CSeq: 17 MESSAGE\r\n"
            + "Server: sink\r\nContent-Length: 0\r\n\r\n";

    static SipResponse viaJainSip(String text) throws Exception {
        return NeutralMessages.response((SIPResponse) new StringMsgParser().parseSIPMessage(
                text.getBytes(StandardCharsets.UTF_8), true, false, null));
    }

    @Test
    @DisplayName("IM-07: a 200 to MESSAGE read from the bytes equals JAIN-SIP's reading of it")
    void common200() throws Exception {
        byte[] b = (OK + "trailing").getBytes(StandardCharsets.UTF_8);
        SipResponse fast = RawResponses.common(b, OK.length());
        assertNotNull(fast);
        assertEquals(viaJainSip(OK), fast);
    }

    @Test
    @DisplayName("IM-07: a 4xx, a body or a list header go through JAIN-SIP's parser, with the same result as before")
    void uncommon() throws Exception {
        for (String text : new String[] {OK.replace("200 OK", "404 Not Found"),
                OK.replace("Server: sink\r\n", "Supported: a, b\r\n"),
                OK.replace("Content-Length: 0\r\n\r\n", "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi")}) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            assertNull(RawResponses.common(b, b.length), text);
            assertEquals(viaJainSip(text), RawResponses.neutral(b, b.length));
        }
    }
}

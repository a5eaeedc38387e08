package org.stoxgw.sipadapter;

import org.stoxgw.testfixtures.sip.RawSipClient;

/**
 * SIP requests as text, for tests that write the bytes themselves through a {@link RawSipClient}
 * (malformed input, retransmissions, connections closed under the gateway): from
 * sip:romeo@sip.example.net to sip:juliet@xmpp.example.test, every header a request needs.
 */
final class RawRequests {
    private RawRequests() {
    }

    /**
     * {@code method} over {@code c}'s transport, with Via sent-by {@code sentBy} and branch
     * {@code z9hG4bK<branch>}; the branch is also the From tag and the Call-ID's local part. Only a
     * MESSAGE carries a Content-Type.
     */
    static String request(RawSipClient c, String method, String branch, String sentBy, String body) {
        return method + " sip:juliet@xmpp.example.test SIP/2.0\r\n"
                + "Via: SIP/2.0/" + c.transport().toUpperCase() + " " + sentBy + ";branch=z9hG4bK" + branch + ";rport\r\n"
                + "From: <sip:romeo@sip.example.net>;tag=" + branch + "\r\n"
                + "To: <sip:juliet@xmpp.example.test>\r\n"
                + "Call-ID: " + branch + "@test\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Max-Forwards: 70\r\n"
                + (method.equals("MESSAGE") ? "Content-Type: text/plain\r\n" : "")
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    /** {@code request} with the header line starting with {@code header} swapped for {@code replacement} (null drops it). */
    static String replacing(String request, String header, String replacement) {
        int end = request.indexOf("\r\n\r\n");
        StringBuilder head = new StringBuilder();
        for (String line : request.substring(0, end).split("\r\n")) {
            if (!line.startsWith(header)) {
                head.append(line).append("\r\n");
            } else if (replacement != null) {
                head.append(replacement).append("\r\n");
            }
        }
        return head.append(request.substring(end + 2)).toString();
    }
}

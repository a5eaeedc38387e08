package org.stoxgw.testfixtures.msrp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One MSRP frame as the test peer saw it on the wire (RFC 4975 §9), kept close to the bytes: the
 * start line's words, the header lines in order, the body (null when the frame had none) and
 * the end-line flag. Written for the test peer only; it shares nothing with the gateway's codec.
 */
public record MsrpWireFrame(String tid, String method, int status, List<String[]> headers, byte[] body, char flag) {

    public boolean isRequest() {
        return method != null;
    }

    /** First header value by case-insensitive name, or null. */
    public String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    public List<String> headerNames() {
        List<String> out = new ArrayList<>();
        for (String[] h : headers) {
            out.add(h[0]);
        }
        return out;
    }

    public String bodyText() {
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    /** Session-id of the first URI in To-Path: the text after the last '/' up to ';'. */
    public String toSessionId() {
        String first = header("To-Path").trim().split(" ")[0];
        String path = first.substring(first.indexOf("//") + 2);
        int slash = path.indexOf('/');
        return slash < 0 ? "" : path.substring(slash + 1, path.indexOf(';'));
    }

    /** Content-Type without parameters, lower case; "" if absent. */
    public String contentType() {
        String ct = header("Content-Type");
        return ct == null ? "" : ct.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "MSRP " + tid + " " + (method != null ? method : Integer.toString(status)) + " "
                + headerNames() + (body == null ? "" : " body " + body.length) + flag;
    }
}

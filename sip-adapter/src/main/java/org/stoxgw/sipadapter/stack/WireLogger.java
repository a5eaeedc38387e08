package org.stoxgw.sipadapter.stack;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import java.util.Properties;
import java.util.function.Predicate;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's server logger: every SIP message the stack sends or receives, logged in full at INFO
 * on {@code stoxgw.wire.sip} when {@code gateway.logging.wire} selects the peer (its IP address,
 * or the domain of the From URI for requests received and of the Request-URI for requests sent).
 *
 * <p>One instance per stack; JAIN-SIP calls it on its I/O threads.
 */
public final class WireLogger implements ServerLogger {
    private static final Logger wire = LoggerFactory.getLogger("stoxgw.wire.sip");
    private volatile Predicate<String> selected = peer -> false;

    @Override
    public void setSipStack(SipStack sipStack) {
        selected = StackContext.of(((SipStackImpl) sipStack).getStackName()).wireLogFor();
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        log(message, from, to, sender);
    }

    private void log(SIPMessage message, String from, String to, boolean sender) {
        if (!wire.isInfoEnabled()) {
            return;
        }
        if (!sender) {
            // JAIN-SIP reports a received response once per layer that looks at it (issue 13: two or
            // more lines per UDP response); a datagram is one message object, logged once
            if (LAST_RECEIVED.get() == message) {
                return;
            }
            LAST_RECEIVED.set(message);
        }
        String peer = sender ? to : from;
        if (!selected.test(hostOf(peer)) && !selected.test(domainOf(message, sender))) {
            return;
        }
        wire.info("{} {} {}\n{}", sender ? "sent to" : "received from", peer, message.getFirstLine().trim(), text(message));
    }

    /**
     * The message as text, a body that is not text replaced by a note of its size and kind: compressed
     * or binary bytes written raw make the log unreadable and can hold control characters (issue 13).
     */
    static String text(SIPMessage message) {
        byte[] body = message.getRawContent();
        if (body == null || body.length == 0) {
            return message.encode();
        }
        javax.sip.header.ContentEncodingHeader enc = message.getContentEncoding();
        boolean encoded = enc != null && !enc.getEncoding().trim().equalsIgnoreCase("identity");
        if (!encoded && isText(body)) {
            return message.encode();
        }
        String head = message.encodeMessage(new StringBuilder()).toString();
        int end = head.indexOf("\r\n\r\n");
        head = end < 0 ? head : head.substring(0, end + 4);
        return head + "[" + body.length + " bytes" + (encoded ? ", Content-Encoding " + enc.getEncoding().trim() : " of binary")
                + ": not shown]";
    }

    /** UTF-8 without control characters other than tab, CR and LF. */
    private static boolean isText(byte[] b) {
        java.nio.charset.CharsetDecoder d = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
        try {
            CharSequence s = d.decode(java.nio.ByteBuffer.wrap(b));
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' || c == 0x7F) {
                    return false;
                }
            }
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static final ThreadLocal<SIPMessage> LAST_RECEIVED = new ThreadLocal<>();

    /** The host of {@code host:port} (IPv6 in brackets or bare). */
    static String hostOf(String hostPort) {
        if (hostPort == null) {
            return "";
        }
        String s = hostPort;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(slash + 1);
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            return close > 0 ? s.substring(1, close) : s;
        }
        int colon = s.lastIndexOf(':');
        return colon > 0 && s.indexOf(':') == colon ? s.substring(0, colon) : s;
    }

    private static String domainOf(SIPMessage message, boolean sent) {
        try {
            if (message instanceof SIPRequest r && sent && r.getRequestURI() instanceof SipUri u) {
                return u.getHost();
            }
            if (!sent && message.getFrom() != null && message.getFrom().getAddress().getURI() instanceof SipUri u) {
                return u.getHost();
            }
        } catch (RuntimeException e) {
            // a malformed message has no domain to match
        }
        return "";
    }

    @Override
    public void logException(Exception ex) {
        if (wire.isDebugEnabled()) {
            wire.debug("SIP stack exception", ex);
        }
    }

    @Override
    public void closeLogFile() {
        // nothing to close
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // configured through StackContext
    }
}

package org.stoxgw.sipadapter.stack;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.SIPTransaction;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import javax.sip.TransactionState;

/**
 * Recognises, from the raw bytes and before any parsing, a UDP retransmission of a non-INVITE request
 * whose server transaction is still in the Trying state (no response sent yet), or completed (answered).
 * RFC 3261 §17.2.2: "while in the Trying state, if the request is retransmitted, it MUST be discarded",
 * which is all JAIN-SIP would do with it after parsing it whole; in the Completed state the final response
 * is passed to the transport again, here straight from {@link CompletedTransactions}. Every SIP → XMPP MESSAGE is retransmitted at least once while the
 * gateway waits for its bounce window (AMB-M01), so this halves the parsing. Matching follows §17.2.3:
 * top Via branch (with the magic cookie), sent-by, and method; anything else (responses, ACK, CANCEL,
 * RFC 2543 branches, a transaction that already answered, which must resend its response) goes the
 * normal way.
 *
 * <p>Thread-safe (reads JAIN-SIP's concurrent transaction table).
 */
public final class UdpRetransmissions {
    private final SIPTransactionStack stack;
    private final LongAdder absorbed;
    private final CompletedTransactions completed;

    /**
     * @param absorbed  counts the requests discarded
     * @param completed transactions that answered, for whose retransmissions this class resends the answer
     */
    public UdpRetransmissions(SIPTransactionStack stack, LongAdder absorbed, CompletedTransactions completed) {
        this.stack = stack;
        this.absorbed = absorbed;
        this.completed = completed;
    }

    /**
     * True when {@code bytes[0..length)} is a retransmission that is dealt with: discarded (Trying), or
     * answered again through {@code socket} (Completed, {@link CompletedTransactions}).
     */
    public boolean absorbed(byte[] bytes, int length, DatagramSocket socket) {
        int sp = RawMessages.indexOf(bytes, 0, length, (byte) ' ');
        if (sp <= 0 || startsWith(bytes, 0, "SIP/")) {
            return false;
        }
        String method = new String(bytes, 0, sp, StandardCharsets.US_ASCII);
        if (method.equals("ACK") || method.equals("CANCEL") || method.equals("INVITE")) {
            return false;
        }
        String value = RawMessages.topVia(bytes, length);
        if (value == null) {
            return false;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        String branch = RawMessages.branch(lower);
        if (branch == null) {
            return false;
        }
        String sentBy = sentBy(lower);
        CompletedTransactions.Entry done = completed == null ? null
                : completed.lookup(CompletedTransactions.key(branch, sentBy, method));
        if (done != null) {
            absorbed.increment(); // before the answer leaves: its receiver may look at the count at once
            try {
                socket.send(new DatagramPacket(done.response(), done.response().length, done.destination()));
            } catch (IOException e) {
                // as for any UDP answer: the sender's next retransmission tries again
            }
            return true;
        }
        SIPTransaction t = stack.findTransaction(branch, true);
        if (t == null || t.getInternalState() != TransactionState._TRYING || !method.equals(t.getMethod())
                || !(t.getRequest() instanceof SIPRequest original)) {
            return false;
        }
        Via top = original.getTopmostVia();
        if (top == null || !sentBy.equals(top.getSentBy().encode().toLowerCase(Locale.ROOT))) {
            return false;
        }
        absorbed.increment();
        return true;
    }

    /** "SIP/2.0/UDP host:port;params" → "host:port" (lower case). */
    static String sentBy(String via) {
        int semi = via.indexOf(';');
        String s = (semi < 0 ? via : via.substring(0, semi)).trim();
        int space = s.indexOf(' ');
        while (space >= 0 && space + 1 < s.length() && s.charAt(space + 1) == ' ') {
            space++;
        }
        return space < 0 ? s : s.substring(space + 1).replace(" ", "");
    }

    private static boolean startsWith(byte[] b, int from, String prefix) {
        if (b.length - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}

package org.stoxgw.sipadapter.jmx;

import java.util.Map;

/**
 * The SIP adapter as operators see it in JMX ({@code org.stoxgw:instance=...,type=SipAdapter}).
 * Counters run since start; maps leave out zero entries.
 */
public interface SipAdapterMXBean {
    /** Bound listening points, e.g. {@code sip udp 127.0.0.1:5060}. */
    String[] getListeningPoints();

    /** Transactions in flight: requests received and not yet answered plus requests sent and not yet finished. */
    int getTransactionsInFlight();

    /** Requests received and handed to the core, not yet answered finally. */
    int getInboundTransactionsInFlight();

    /** Requests sent (including queued and resolving ones) without a final outcome yet. */
    int getOutboundTransactionsInFlight();

    /** Requests received, by method (every request, also rejected ones). */
    Map<String, Long> getRequestsReceived();

    /** Requests sent, by method (each attempt). */
    Map<String, Long> getRequestsSent();

    /** Responses sent, by status code. */
    Map<String, Long> getResponsesSent();

    /** Final responses received to requests sent, by status code. */
    Map<String, Long> getResponsesReceived();

    /** Requests the adapter answered itself without the core, by reason (untrusted, loop, ...). */
    Map<String, Long> getRejected();

    /** Sends that failed on connect or write, and transport errors the stack reported. */
    long getTransportErrors();

    /**
     * Responses the stack reported as not sent (the connection back was gone), not in {@link #getResponsesSent}.
     * Over TCP the stack may report this for a response it already wrote, when the peer closes at once.
     */
    long getResponsesNotSent();

    /** Requests sent that got no final response in time (RFC 3261 Timer B/F). */
    long getTimeouts();

    /**
     * Retransmitted requests (UDP) discarded before parsing because their transaction had not answered yet
     * (RFC 3261 section 17.2.2); a high count means senders give up waiting before the gateway answers.
     */
    long getRetransmissionsAbsorbed();

    /** Requests the core did not answer within gateway.sip.timeouts.answer (answered 500 by the adapter). */
    long getUnansweredByCore();

    /**
     * Bytes received over TCP/TLS that could not be framed as SIP messages (RFC 3261 section 18.3: a header
     * section that never ends, a Content-Length that is no number) and were dropped with their connection,
     * or skipped after a request without Content-Length; framed requests that are too large are answered instead.
     */
    long getUnframedBytesDropped();
}

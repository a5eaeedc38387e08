package org.stoxgw.xmppadapter;

import java.util.concurrent.atomic.LongAdder;

/** Adapter-wide traffic counters, shown by the {@code XmppLinks} MBean. Thread-safe, lock-free. */
public final class XmppCounters {
    /** Stanzas received that passed the inbound checks. */
    public final LongAdder stanzasIn = new LongAdder();
    /** Stanzas written on authenticated outbound streams (re-sends included). */
    public final LongAdder stanzasOut = new LongAdder();
    /** Sends that completed {@link XmppOutcome.Sent}. */
    public final LongAdder delivered = new LongAdder();
    /** Sends that completed {@link XmppOutcome.Failed}: the core bounces them to their senders. */
    public final LongAdder bounced = new LongAdder();
    /** Stanzas sent again on a new link after the previous one failed unacknowledged. */
    public final LongAdder resent = new LongAdder();
    /** Inbound stanzas refused with a stanza error by the adapter (unparseable, unknown IQ, ...). */
    public final LongAdder rejected = new LongAdder();
    /** Inbound stanzas over a remote domain's rate (gateway.xmpp.limits.stanza-rate): answered with
     *  resource-constraint, or dropped when they are errors or results themselves (RFC 6120 §8.3.1). */
    public final LongAdder rateLimited = new LongAdder();
    /** Stream errors sent. */
    public final LongAdder streamErrorsSent = new LongAdder();
    /** Stream errors received. */
    public final LongAdder streamErrorsReceived = new LongAdder();
    /** Dialback keys this gateway was asked to verify (authoritative role), and how many were valid. */
    public final LongAdder dialbackVerifyRequests = new LongAdder();
    public final LongAdder dialbackVerifyValid = new LongAdder();
    /** Remote domains authenticated on inbound streams, by method. */
    public final LongAdder inboundAuthDialback = new LongAdder();
    public final LongAdder inboundAuthSaslExternal = new LongAdder();
    /** Inbound authentication attempts refused (wrong key, bad certificate, policy). */
    public final LongAdder inboundAuthFailures = new LongAdder();
}

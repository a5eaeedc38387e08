package org.stoxgw.xmppadapter;

import java.util.List;

/**
 * The XMPP adapter over JMX ({@code org.stoxgw:instance=...,type=XmppLinks}): every inbound stream
 * and outbound link with its authentication and TLS state, and the adapter's counters.
 */
public interface XmppLinksMXBean {
    /** Inbound streams and outbound links (component links in component mode). */
    List<LinkInfo> getLinks();

    int getInboundStreams();

    int getOutboundLinks();

    long getStanzasIn();

    long getStanzasOut();

    long getDelivered();

    /** Sends that failed with an outcome (the core bounces each to its sender). */
    long getBounced();

    long getResent();

    long getRejected();

    /** Inbound stanzas over their remote domain's rate (limits.stanza-rate); part of rejected when answered. */
    long getRateLimited();

    long getStreamErrorsSent();

    long getStreamErrorsReceived();

    long getDialbackVerifyRequests();

    long getDialbackVerifyValid();

    long getInboundAuthDialback();

    long getInboundAuthSaslExternal();

    long getInboundAuthFailures();

    /** Stanzas queued or unacknowledged on all outbound links. */
    int getQueued();

    /** IQ requests of the core (e.g. Jingle) waiting for their answers. */
    int getPendingIqs();

    /** IQ requests of the core that got no answer within their timeout. */
    long getIqTimeouts();
}

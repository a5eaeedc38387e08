package org.stoxgw.sipadapter.rtpengine;

/**
 * Media anchoring over JMX ({@code org.stoxgw:instance=...,type=RtpEngine}): the link to rtpengine
 * and what went over it.
 */
public interface RtpEngineMXBean {
    /** rtpengine's ng address. */
    String getAddress();

    /** {@code STARTING}, {@code UP} (answered its last ping) or {@code DOWN}. */
    String getState();

    /** When the state last changed (epoch milliseconds). */
    long getStateSinceMillis();

    /** Calls anchored now. */
    int getAnchoredCalls();

    /** Offers sent (initial and re-offers). */
    long getOffers();

    /** Offers refused at once because rtpengine was down. */
    long getRefusedWhileDown();

    /** Anchored calls whose media was lost when rtpengine stopped answering. */
    long getLostCalls();

    /** ng commands sent, pings included (not counting retransmissions). */
    long getCommands();

    long getRetransmissions();

    /** Commands that got no reply after every retransmission. */
    long getTimeouts();

    /** Replies with an error or that could not be read. */
    long getErrors();

    /** Commands waiting for their reply now. */
    int getPending();
}

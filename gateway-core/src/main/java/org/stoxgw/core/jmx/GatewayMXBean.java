package org.stoxgw.core.jmx;

/** {@code org.stoxgw:instance=<name>,type=Gateway}: what is running and since when. */
public interface GatewayMXBean {
    /** NEW, STARTING, RUNNING, DRAINING, STOPPED or FAILED. */
    String getState();

    String getVersion();

    /** ISO-8601 instant of start, "" before. */
    String getStartedAt();

    long getUptimeSeconds();

    String[] getListeningPoints();

    String[] getServedXmppDomains();

    String[] getServedSipDomains();
}

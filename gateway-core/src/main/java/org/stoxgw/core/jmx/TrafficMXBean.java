package org.stoxgw.core.jmx;

import java.util.Map;

/**
 * {@code org.stoxgw:instance=<name>,type=Traffic}: messages and stanzas per direction and outcome
 * (received, delivered, rejected, failed, late_error).
 */
public interface TrafficMXBean {
    Map<String, Long> getSipToXmpp();

    Map<String, Long> getXmppToSip();

    /**
     * One counter, for scripts: {@code count("sip_to_xmpp", "delivered")}.
     *
     * @throws IllegalArgumentException for an unknown direction or outcome
     */
    long count(String direction, String outcome);
}

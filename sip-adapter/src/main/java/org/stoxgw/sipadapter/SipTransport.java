package org.stoxgw.sipadapter;

import java.util.Locale;

/** The SIP transports the adapter speaks (RFC 3261 section 18), with their RFC 3263 names. */
public enum SipTransport {
    UDP(5060, false, "SIP+D2U", "_sip._udp."),
    TCP(5060, false, "SIP+D2T", "_sip._tcp."),
    TLS(5061, true, "SIPS+D2T", "_sips._tcp.");

    private final int defaultPort;
    private final boolean secure;
    private final String naptrService;
    private final String srvPrefix;

    SipTransport(int defaultPort, boolean secure, String naptrService, String srvPrefix) {
        this.defaultPort = defaultPort;
        this.secure = secure;
        this.naptrService = naptrService;
        this.srvPrefix = srvPrefix;
    }

    /** 5060, or 5061 for TLS (RFC 3261 section 19.1.2). */
    public int defaultPort() {
        return defaultPort;
    }

    public boolean isSecure() {
        return secure;
    }

    public boolean isReliable() {
        return this != UDP;
    }

    /** The NAPTR service field (RFC 3263 section 4.1), e.g. {@code SIP+D2T}. */
    public String naptrService() {
        return naptrService;
    }

    /** The SRV owner name prefix, e.g. {@code _sip._tcp.} (RFC 3263 section 4.2). */
    public String srvPrefix() {
        return srvPrefix;
    }

    /** The lower-case name used in config, JAIN-SIP and the {@code transport} URI parameter. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The transport named {@code name} (any case), or null. */
    public static SipTransport byName(String name) {
        for (SipTransport t : values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }
}

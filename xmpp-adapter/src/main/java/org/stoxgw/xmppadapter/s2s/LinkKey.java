package org.stoxgw.xmppadapter.s2s;

/**
 * Identifies an outbound link: one per (gateway domain, remote domain) in federation (RFC 6120
 * §4.2: a stream authenticates one domain pair), one per gateway domain in component mode.
 */
record LinkKey(String local, String remote) {
    /** The remote part of component links: everything goes to the one XMPP server. */
    static final String COMPONENT = "";
}

package org.stoxgw.core.jmx;

/** {@code org.stoxgw:instance=<name>,type=PeerLinks}: one line per SIP peer and per S2S link. */
public interface PeerLinksMXBean {
    String[] getSipPeers();

    String[] getXmppLinks();
}

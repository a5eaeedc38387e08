package org.stoxgw.xmppadapter;

/**
 * One stream or link as shown over JMX (an open-type CompositeData: plain getters, no record).
 * Immutable snapshot.
 */
public final class LinkInfo {
    private final String direction;
    private final String localDomain;
    private final String remoteDomain;
    private final String state;
    private final String auth;
    private final String tls;
    private final long stanzasIn;
    private final long stanzasOut;
    private final int queued;
    private final String lastError;

    public LinkInfo(String direction, String localDomain, String remoteDomain, String state, String auth, String tls,
                    long stanzasIn, long stanzasOut, int queued, String lastError) {
        this.direction = direction;
        this.localDomain = localDomain;
        this.remoteDomain = remoteDomain;
        this.state = state;
        this.auth = auth;
        this.tls = tls;
        this.stanzasIn = stanzasIn;
        this.stanzasOut = stanzasOut;
        this.queued = queued;
        this.lastError = lastError;
    }

    /** "in" (remote server's stream to us), "out" (our link to it) or "component". */
    public String getDirection() {
        return direction;
    }

    public String getLocalDomain() {
        return localDomain;
    }

    public String getRemoteDomain() {
        return remoteDomain;
    }

    /** Link or stream state, e.g. READY, CONNECTING, BACKOFF, NEGOTIATING, AUTHENTICATED. */
    public String getState() {
        return state;
    }

    /** "sasl-external", "dialback", "component-handshake" or "" while not authenticated. */
    public String getAuth() {
        return auth;
    }

    /** "none", "tls" (encrypted, peer certificate not verified) or "tls-verified". */
    public String getTls() {
        return tls;
    }

    public long getStanzasIn() {
        return stanzasIn;
    }

    public long getStanzasOut() {
        return stanzasOut;
    }

    /** Stanzas waiting (queued or unacknowledged) on an outbound link. */
    public int getQueued() {
        return queued;
    }

    /** The last failure of the link, "" if none. */
    public String getLastError() {
        return lastError;
    }

    /** One line for the core's PeerLinks bean and logs. */
    public String describe() {
        return direction + " " + localDomain + (direction.equals("in") ? " <- " : " -> ") + remoteDomain + " " + state
                + " auth=" + (auth.isEmpty() ? "-" : auth) + " tls=" + tls + " in=" + stanzasIn + " out=" + stanzasOut
                + " queued=" + queued + (lastError.isEmpty() ? "" : " last-error=\"" + lastError + "\"");
    }
}

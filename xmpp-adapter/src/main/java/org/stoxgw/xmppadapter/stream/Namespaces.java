package org.stoxgw.xmppadapter.stream;

/** XML namespaces of XMPP streams (RFC 6120, XEP-0220, XEP-0114). */
public final class Namespaces {
    public static final String STREAM = StreamOpen.STREAM_NAMESPACE;
    public static final String SERVER = "jabber:server";
    public static final String CLIENT = "jabber:client";
    public static final String COMPONENT = "jabber:component:accept";
    public static final String DIALBACK = "jabber:server:dialback";
    public static final String DIALBACK_FEATURE = "urn:xmpp:features:dialback";
    public static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    public static final String STREAMS = StreamErrorCondition.NAMESPACE;

    private Namespaces() {
    }
}

/**
 * MSRP (RFC 4975) on Netty: the frame codec ({@link org.stoxgw.sipadapter.msrp.MsrpDecoder},
 * {@link org.stoxgw.sipadapter.msrp.MsrpEncoder}), chunking and reassembly, transaction ids, and
 * the endpoint ({@link org.stoxgw.sipadapter.msrp.MsrpEndpoint}) with its connections, sessions,
 * reports, keep-alive, TLS ({@code msrps}) and RFC 4976 relays. MSRP is negotiated by SIP
 * (SDP {@code m=message}), so it lives beside the SIP stack; it knows nothing of XMPP.
 */
package org.stoxgw.sipadapter.msrp;

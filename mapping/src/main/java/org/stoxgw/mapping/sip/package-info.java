/**
 * The transport-neutral SIP model shared by the SIP adapter (which converts JAIN-SIP messages to and
 * from it), the engine and the mapping functions. Immutable values only; no parsing of the wire,
 * except the text forms of what SIP negotiates for MSRP chat sessions (RFC 4975 URIs and paths, the
 * SDP {@code m=message} section), which both the MSRP endpoint and the engine read.
 */
package org.stoxgw.mapping.sip;

/**
 * One-to-one chat sessions (RFC 7573) over MSRP (RFC 4975): MSRP URIs and paths, the SDP
 * {@code m=message} section (accept-types, path, max-size, setup), the chat-state ↔ isComposing
 * table of RFC 7573 §6 and the XMPP chat message ↔ MSRP SEND mapping. Pure values and functions:
 * no sockets, no threads, no clocks; callable from any thread.
 */
package org.stoxgw.mapping.chat;

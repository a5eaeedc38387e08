/**
 * One-to-one chat sessions (RFC 7573): the chat-state ↔ isComposing table of RFC 7573 §6 and the
 * XMPP chat message ↔ MSRP SEND mapping. The MSRP URI, path and SDP values live in
 * {@link org.stoxgw.mapping.sip} (the adapter uses them too). Pure functions; any thread.
 */
package org.stoxgw.mapping.chat;

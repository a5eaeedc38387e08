/**
 * Single-message content (RFC 7572, RFC 3428): what a SIP MESSAGE body becomes on the XMPP side
 * ({@link org.stoxgw.mapping.message.SipToXmppContent}) and what an XMPP {@code <message/>} becomes
 * as a SIP body ({@link org.stoxgw.mapping.message.XmppToSipContent}), with the Content-Type
 * classifier, text/html → XHTML-IM, message/cpim, isComposing ↔ chat states and IMDN ↔ receipts.
 * Addresses, Call-ID, Subject and the SIP transaction belong to the wiring; correlation ids are
 * passed in. Pure functions, callable from any thread.
 */
package org.stoxgw.mapping.message;

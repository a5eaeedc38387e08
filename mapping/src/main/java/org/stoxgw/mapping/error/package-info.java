/**
 * Error mapping between SIP responses and XMPP stanza errors (RFC 7247 §7, RFC 6120 §8.3):
 * {@link org.stoxgw.mapping.error.SipErrors}, {@link org.stoxgw.mapping.error.XmppErrors}, the tables
 * in {@link org.stoxgw.mapping.error.ErrorTables} and the adapters' local failures
 * ({@link org.stoxgw.mapping.error.LocalFailure}). Pure functions; any thread.
 */
package org.stoxgw.mapping.error;

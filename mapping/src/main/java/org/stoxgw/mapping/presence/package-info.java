/**
 * Presence content (RFC 8048 §6, RFC 3863 PIDF): a neutral availability model
 * ({@link org.stoxgw.mapping.presence.PidfDocument}, {@link org.stoxgw.mapping.presence.PidfTuple}),
 * the PIDF parser and writer, the stanza ↔ tuple mappings with priority scaling, and phone presence
 * from the dialog event package (RFC 4235). Addresses arrive already mapped (jxmpp JIDs, SIP URI
 * strings); SIP dialogs, headers and state tables belong to the wiring. Pure functions, callable
 * from any thread.
 */
package org.stoxgw.mapping.presence;

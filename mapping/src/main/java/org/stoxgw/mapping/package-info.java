/**
 * Pure translation between SIP and XMPP for the STOX areas. Inputs and outputs are immutable
 * values: the transport-neutral SIP model of {@link org.stoxgw.mapping.sip}, Smack stanzas and jxmpp
 * JIDs. Nothing here does I/O, starts threads, reads clocks or logs payloads; every function may be
 * called from any thread.
 */
package org.stoxgw.mapping;

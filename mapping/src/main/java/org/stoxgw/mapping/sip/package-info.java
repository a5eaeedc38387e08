/**
 * The transport-neutral SIP model shared by the SIP adapter (which converts JAIN-SIP messages to and
 * from it), the engine and the mapping functions. Immutable values only; no parsing of the wire.
 */
package org.stoxgw.mapping.sip;

package org.stoxgw.xmppadapter.s2s;

/**
 * Why an outbound stream could not be established.
 *
 * @param resolution true when the domain could not be resolved (then remote-server-not-found)
 * @param definitive retrying will not help (the domain has no XMPP service, or policy refused it)
 * @param detail     for logs, JMX and the error text to the sender
 */
record ConnectFailure(boolean resolution, boolean definitive, String detail) {
}

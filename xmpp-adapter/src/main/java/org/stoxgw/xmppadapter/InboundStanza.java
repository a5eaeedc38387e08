package org.stoxgw.xmppadapter;

import org.jivesoftware.smack.packet.Stanza;

/**
 * A stanza received from a remote XMPP server.
 *
 * @param stanza       the parsed stanza (Smack model, {@code jabber:client} normalised)
 * @param remoteDomain the domain authenticated on the stream it arrived on
 * @param localDomain  the gateway domain it was sent to
 */
public record InboundStanza(Stanza stanza, String remoteDomain, String localDomain) { }

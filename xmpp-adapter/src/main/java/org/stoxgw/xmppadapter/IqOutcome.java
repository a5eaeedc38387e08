package org.stoxgw.xmppadapter;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;

/**
 * How an IQ request sent with {@link XmppAdapter#sendIq} ended: the addressee's result, its error
 * (RFC 6120 §8.2.3: every get or set is answered by exactly one of the two), or no answer at all
 * because the request could not be delivered or the answer did not come in time.
 */
public sealed interface IqOutcome {

    /** The {@code type='result'} response, with whatever payload it carries. */
    record Result(IQ response) implements IqOutcome { }

    /** The {@code type='error'} response; {@code error} is its stanza error. */
    record Error(IQ response, StanzaError error) implements IqOutcome { }

    /**
     * No response: not delivered (the condition the sender's side reports, as for
     * {@link XmppOutcome.Failed}), or {@code remote-server-timeout} when nothing came back in time.
     */
    record Failed(StanzaError.Condition condition, String detail) implements IqOutcome { }
}

package org.stoxgw.xmppadapter.s2s;

import org.stoxgw.xmppadapter.stanza.Jids;
import org.stoxgw.xmppadapter.stream.StreamElements;
import org.stoxgw.xmppadapter.stream.XmlFrame;

/**
 * The Authoritative Server's side of dialback (XEP-0220 §2.3): a receiving server asks whether a key
 * it got from "us" is ours. The key is recomputed from the secret (XEP-0185), so no state is kept;
 * the answer is valid or invalid, or an error when the 'to' domain is not one the gateway serves.
 */
final class DialbackAuthority {
    private DialbackAuthority() {
    }

    static void answer(XmppRuntime rt, InboundS2sHandler stream, XmlFrame f) {
        String receiving = Jids.normalizeDomain(f.from());
        String originating = Jids.normalizeDomain(f.to());
        String id = f.id();
        rt.counters.dialbackVerifyRequests.increment();
        if (receiving == null || originating == null || id == null || !rt.serves(originating)) {
            stream.answerVerify(StreamElements.dialbackError("verify", f.to(), f.from(), id, "cancel", "item-not-found"), null);
            return;
        }
        boolean valid = rt.keys.verify(receiving, originating, id, f.element().text());
        if (valid) {
            rt.counters.dialbackVerifyValid.increment();
        }
        String type = valid ? "valid" : "invalid";
        stream.answerVerify(StreamElements.dialback("verify", originating, receiving, id, type, null), null);
    }
}

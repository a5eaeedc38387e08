package org.stoxgw.mapping.address;

import java.util.List;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.stoxgw.mapping.address.AddressPolicy.DomainPair;

/** Policies and helpers shared by the address tests. */
final class TestPolicies {

    /** The RFC 7247 vector domains as SIP-homed (direct): SIP users presented on XMPP under the same name. */
    static final AddressMapper SIP_HOMED = new AddressMapper(AddressPolicy.of(
            pairs("sip.example", "example.com", "example.net", "chat.example.org", "xmpp.example"),
            List.of(), List.of()));

    /** The same domains as XMPP-homed (direct): XMPP users presented on SIP under the same name. */
    static final AddressMapper XMPP_HOMED = new AddressMapper(AddressPolicy.of(
            List.of(), pairs("sip.example", "example.com", "example.net", "chat.example.org", "xmpp.example"),
            List.of()));

    /**
     * A gateway with several domains of each kind: SIP-homed sip.example.test (same name) and
     * voip.example.test (presented as im.voip.example.test), XMPP-homed xmpp.example.test (same name)
     * and chat.example.test (presented as sip.chat.example.test), gateway domains gw.example.org and
     * gw2.example.org (SIP name sipgw2.example.org).
     */
    static final AddressMapper MIXED = new AddressMapper(AddressPolicy.of(
            List.of(new DomainPair("sip.example.test", "sip.example.test"),
                    new DomainPair("voip.example.test", "im.voip.example.test")),
            List.of(new DomainPair("xmpp.example.test", "xmpp.example.test"),
                    new DomainPair("sip.chat.example.test", "chat.example.test")),
            List.of(new DomainPair("gw.example.org", "gw.example.org"),
                    new DomainPair("sipgw2.example.org", "gw2.example.org"))));

    private TestPolicies() {
    }

    static List<DomainPair> pairs(String... sameNames) {
        return java.util.Arrays.stream(sameNames).map(n -> new DomainPair(n, n)).toList();
    }

    static SipUri uri(String text) {
        return SipUri.parse(text);
    }

    static Jid jid(String text) {
        return JidCreate.fromOrThrowUnchecked(text);
    }
}

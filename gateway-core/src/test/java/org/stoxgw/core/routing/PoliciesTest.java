package org.stoxgw.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stoxgw.config.DomainSettings;
import org.stoxgw.config.DomainSettings.DomainPair;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.address.SipUri;

class PoliciesTest {

    @Test
    void everyConfiguredModeReachesTheMapping() {
        DomainSettings d = new DomainSettings(List.of(new DomainPair("sip.example.test", "sip.example.test")),
                List.of(new DomainPair("xmpp.example.test", "xmpp.example.test")),
                List.of(new DomainPair("gw.example.test", "gw.example.test")));
        AddressMapper m = new AddressMapper(Policies.addressPolicy(d));
        assertEquals("juliet@xmpp.example.test", m.sipTargetToXmpp(SipUri.parse("sip:juliet@xmpp.example.test")).orElseThrow().toString());
        assertEquals("romeo@sip.example.test", m.sipSenderToXmpp(SipUri.parse("sip:romeo@sip.example.test"), null).orElseThrow().toString());
        assertEquals("juliet@xmpp.example.com",
                m.sipTargetToXmpp(SipUri.parse("sip:juliet%40xmpp.example.com@gw.example.test")).orElseThrow().toString());
    }
}

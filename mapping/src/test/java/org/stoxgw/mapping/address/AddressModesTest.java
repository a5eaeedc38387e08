package org.stoxgw.mapping.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stoxgw.mapping.address.TestPolicies.MIXED;
import static org.stoxgw.mapping.address.TestPolicies.jid;
import static org.stoxgw.mapping.address.TestPolicies.uri;

import java.util.List;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.stoxgw.mapping.address.AddressPolicy.DomainPair;

/**
 * Both address modes in both directions with several domains of each kind ({@link TestPolicies#MIXED}),
 * including user parts that themselves contain {@code %40} or {@code \}, and the refusals.
 */
class AddressModesTest {

    private static String s2xTarget(String sip) {
        return MIXED.sipTargetToXmpp(uri(sip)).orElseThrow().toString();
    }

    private static String s2xSender(String sip, String target) {
        return MIXED.sipSenderToXmpp(uri(sip), target == null ? null : uri(target)).orElseThrow().toString();
    }

    private static String x2sTarget(String jid) {
        return MIXED.xmppTargetToSip(jid(jid), UriScheme.SIP, UserSpellings.NONE).orElseThrow().toString();
    }

    private static String x2sSender(String jid, String target) {
        return MIXED.xmppSenderToSip(jid(jid), target == null ? null : jid(target), UriScheme.SIP).orElseThrow().toString();
    }

    private static Mapping.Refused<?> refused(Mapping<?> m) {
        return (Mapping.Refused<?>) m;
    }

    @Nested
    @DisplayName("direct mapping (RFC 7247)")
    class Direct {
        @Test
        @DisplayName("ADDR-09: SIP targets in XMPP-homed domains reach the paired XMPP domain")
        void sipTargets() {
            assertEquals("juliet@xmpp.example.test", s2xTarget("sip:juliet@xmpp.example.test"));
            assertEquals("juliet@chat.example.test/balcony", s2xTarget("sip:juliet@sip.chat.example.test;gr=balcony"));
        }

        @Test
        @DisplayName("ADDR-09: SIP senders of SIP-homed domains appear under the paired XMPP domain")
        void sipSenders() {
            assertEquals("romeo@sip.example.test", s2xSender("sip:romeo@sip.example.test", "sip:juliet@xmpp.example.test"));
            assertEquals("romeo@im.voip.example.test/x", s2xSender("sip:romeo@voip.example.test;gr=x", "sip:juliet@xmpp.example.test"));
        }

        @Test
        @DisplayName("ADDR-10: XMPP targets in SIP-homed domains reach the paired SIP domain")
        void xmppTargets() {
            assertEquals("sip:romeo@voip.example.test;gr=x", x2sTarget("romeo@im.voip.example.test/x"));
            assertEquals("sip:romeo@sip.example.test", x2sTarget("romeo@sip.example.test"));
        }

        @Test
        @DisplayName("ADDR-10: XMPP senders of XMPP-homed domains appear under the paired SIP domain")
        void xmppSenders() {
            assertEquals("sip:juliet@sip.chat.example.test;gr=balcony", x2sSender("juliet@chat.example.test/balcony", "romeo@sip.example.test"));
        }

        @Test
        @DisplayName("ADDR-03: a user part containing %40 and \\ maps both ways in direct mode")
        void atSignAndBackslash() {
            assertEquals("a\\40b@xmpp.example.test", s2xTarget("sip:a%40b@xmpp.example.test"));
            assertEquals("sip:a%40b@sip.example.test", x2sTarget("a\\40b@sip.example.test"));
            assertEquals("c\\3a\\net@xmpp.example.test", s2xTarget("sip:c%3A%5Cnet@xmpp.example.test"));
            assertEquals("sip:c%3A%5Cnet@sip.example.test", x2sTarget("c\\3a\\net@sip.example.test"));
        }

        @Test
        @DisplayName("a userless SIP URI stands for the domain JID and back")
        void domainOnly() {
            assertEquals("sip.example.test", s2xSender("sip:sip.example.test", null));
            assertEquals("sip:sip.example.test", x2sTarget("sip.example.test"));
        }
    }

    @Nested
    @DisplayName("gateway-domain mode")
    class GatewayDomain {
        @Test
        @DisplayName("a SIP user reaches any JID through sip:juliet%40xmpp.example.com@gw; the reply comes back the same way")
        void sipUserToAnyJid() {
            String target = "sip:juliet%40xmpp.example.com@gw.example.org";
            assertEquals("juliet@xmpp.example.com", s2xTarget(target));
            assertEquals("romeo\\40sip.example.net@gw.example.org/orchard", s2xSender("sip:romeo@sip.example.net;gr=orchard", target));
            // The XMPP user answers: from its own JID to the JID the SIP user appeared as.
            assertEquals("sip:romeo@sip.example.net;gr=orchard", x2sTarget("romeo\\40sip.example.net@gw.example.org/orchard"));
            assertEquals("sip:juliet%40xmpp.example.com@gw.example.org",
                    x2sSender("juliet@xmpp.example.com", "romeo\\40sip.example.net@gw.example.org"));
        }

        @Test
        @DisplayName("an XMPP user reaches any SIP URI through romeo\\40sip.example.net@gw; the reply comes back the same way")
        void xmppUserToAnySipUri() {
            String target = "romeo\\40sip.example.net@gw2.example.org";
            assertEquals("sip:romeo@sip.example.net", x2sTarget(target));
            assertEquals("sip:juliet%40xmpp.example.com@sipgw2.example.org;gr=balcony", x2sSender("juliet@xmpp.example.com/balcony", target));
            assertEquals("juliet@xmpp.example.com/balcony", s2xTarget("sip:juliet%40xmpp.example.com@sipgw2.example.org;gr=balcony"));
            assertEquals("romeo\\40sip.example.net@gw2.example.org",
                    s2xSender("sip:romeo@sip.example.net", "sip:juliet%40xmpp.example.com@sipgw2.example.org"));
        }

        @Test
        @DisplayName("ADDR-03: a SIP user part that itself contains %40 or \\ survives the gateway form both ways")
        void sipUserWithAtSignOrBackslash() {
            assertEquals("a\\40b\\40sip.example.net@gw.example.org", s2xSender("sip:a%40b@sip.example.net", null));
            assertEquals("sip:a%40b@sip.example.net", x2sTarget("a\\40b\\40sip.example.net@gw.example.org"));
            assertEquals("c\\net\\40sip.example.net@gw.example.org", s2xSender("sip:c%5Cnet@sip.example.net", null));
            assertEquals("sip:c%5Cnet@sip.example.net", x2sTarget("c\\net\\40sip.example.net@gw.example.org"));
            assertEquals("\\5c40x\\40sip.example.net@gw.example.org", s2xSender("sip:%5C40x@sip.example.net", null));
            assertEquals("sip:%5C40x@sip.example.net", x2sTarget("\\5c40x\\40sip.example.net@gw.example.org"));
        }

        @Test
        @DisplayName("ADDR-05: an XMPP localpart with escapes survives the gateway form both ways")
        void jidWithEscapes() {
            assertEquals("d\\27artagnan@xmpp.example.com", s2xTarget("sip:d'artagnan%40xmpp.example.com@gw.example.org"));
            assertEquals("sip:c%3A%5Cnet%40xmpp.example.com@gw.example.org", x2sSender("c\\3a\\net@xmpp.example.com", null));
            assertEquals("c\\3a\\net@xmpp.example.com", s2xTarget("sip:c%3A%5Cnet%40xmpp.example.com@gw.example.org"));
            assertEquals("user\\40host@xmpp.example.com", s2xTarget("sip:user%40host%40xmpp.example.com@gw.example.org"));
        }

        @Test
        @DisplayName("ports and IP literals of foreign SIP senders are carried (escaped) and restored")
        void portsAndIpLiterals() {
            assertEquals("alice\\40192.0.2.10\\3a5070@gw.example.org", s2xSender("sip:alice@192.0.2.10:5070", null));
            assertEquals("sip:alice@192.0.2.10:5070", x2sTarget("alice\\40192.0.2.10\\3a5070@gw.example.org"));
            assertEquals("bob\\40[2001\\3adb8\\3a\\3a1]@gw.example.org", s2xSender("sip:bob@[2001:db8::1]", null));
            assertEquals("sip:bob@[2001:db8::1]", x2sTarget("bob\\40[2001\\3adb8\\3a\\3a1]@gw.example.org"));
        }

        @Test
        @DisplayName("server JIDs and userless SIP URIs are carried as a bare domain")
        void domains() {
            assertEquals("sip:xmpp.example.com@gw.example.org", x2sSender("xmpp.example.com", null));
            assertEquals("xmpp.example.com", s2xTarget("sip:xmpp.example.com@gw.example.org"));
            assertEquals("sip.example.net@gw.example.org", s2xSender("sip:sip.example.net", null));
            assertEquals("sip:sip.example.net", x2sTarget("sip.example.net@gw.example.org"));
        }

        @Test
        @DisplayName("a foreign sender writing to a direct-mode target is presented under the first gateway domain")
        void foreignSenderToDirectTarget() {
            assertEquals("romeo\\40sip.example.net@gw.example.org", s2xSender("sip:romeo@sip.example.net", "sip:juliet@xmpp.example.test"));
            assertEquals("sip:eve%40elsewhere.example@gw.example.org", x2sSender("eve@elsewhere.example", "romeo@sip.example.test"));
        }
    }

    @Nested
    @DisplayName("refusals: never guessed")
    class Refusals {
        @Test
        @DisplayName("targets in domains the gateway does not serve for the other side")
        void unservedTargets() {
            Mapping.Refused<?> r = refused(MIXED.sipTargetToXmpp(uri("sip:bob@elsewhere.example")));
            assertEquals(404, r.sipStatus());
            assertEquals(Condition.item_not_found, r.xmppCondition());
            assertEquals(404, refused(MIXED.sipTargetToXmpp(uri("sip:bob@sip.example.test"))).sipStatus());
            assertEquals(Condition.item_not_found,
                    refused(MIXED.xmppTargetToSip(jid("juliet@xmpp.example.test"), UriScheme.SIP, UserSpellings.NONE)).xmppCondition());
            assertEquals(Condition.item_not_found,
                    refused(MIXED.xmppTargetToSip(jid("juliet@elsewhere.example"), UriScheme.SIP, UserSpellings.NONE)).xmppCondition());
        }

        @Test
        @DisplayName("a gateway domain addressed without a foreign address, or with a malformed one")
        void malformedGatewayForms() {
            assertEquals(404, refused(MIXED.sipTargetToXmpp(uri("sip:gw.example.org"))).sipStatus());
            assertEquals(Condition.jid_malformed, refused(MIXED.sipTargetToXmpp(uri("sip:juliet%40exa_mple@gw.example.org"))).xmppCondition());
            assertEquals(404, refused(MIXED.sipTargetToXmpp(uri("sip:juliet%40xmpp.example.com%3A5222@gw.example.org"))).sipStatus());
            assertEquals(Condition.item_not_found,
                    refused(MIXED.xmppTargetToSip(jid("gw.example.org"), UriScheme.SIP, UserSpellings.NONE)).xmppCondition());
            assertEquals(Condition.jid_malformed,
                    refused(MIXED.xmppTargetToSip(jid("romeo\\40bad_host@gw.example.org"), UriScheme.SIP, UserSpellings.NONE)).xmppCondition());
            assertEquals(Condition.jid_malformed,
                    refused(MIXED.xmppTargetToSip(jid("romeo\\40sip.example.net\\3a99999@gw.example.org"), UriScheme.SIP, UserSpellings.NONE)).xmppCondition());
        }

        @Test
        @DisplayName("an embedded address that leads back into the gateway is a loop (482)")
        void loops() {
            assertEquals(482, refused(MIXED.sipTargetToXmpp(uri("sip:bob%40gw.example.org@gw.example.org"))).sipStatus());
            assertEquals(482, refused(MIXED.sipTargetToXmpp(uri("sip:bob%40im.voip.example.test@gw.example.org"))).sipStatus());
            Mapping.Refused<?> r = refused(MIXED.xmppTargetToSip(jid("bob\\40xmpp.example.test@gw.example.org"), UriScheme.SIP, UserSpellings.NONE));
            assertEquals(482, r.sipStatus());
            assertEquals(Condition.not_acceptable, r.xmppCondition());
            assertEquals(482, refused(MIXED.xmppTargetToSip(jid("bob\\40sipgw2.example.org@gw.example.org"), UriScheme.SIP, UserSpellings.NONE)).sipStatus());
        }

        @Test
        @DisplayName("a sender claiming a domain the gateway serves for the other side is forbidden")
        void spoofedSenders() {
            Mapping.Refused<?> r = refused(MIXED.sipSenderToXmpp(uri("sip:juliet@xmpp.example.test"), null));
            assertEquals(403, r.sipStatus());
            assertEquals(Condition.forbidden, r.xmppCondition());
            assertEquals(403, refused(MIXED.sipSenderToXmpp(uri("sip:x%40y.example@gw.example.org"), null)).sipStatus());
            assertEquals(Condition.forbidden, refused(MIXED.xmppSenderToSip(jid("romeo@sip.example.test"), null, UriScheme.SIP)).xmppCondition());
            assertEquals(Condition.forbidden, refused(MIXED.xmppSenderToSip(jid("x@gw2.example.org"), null, UriScheme.SIP)).xmppCondition());
        }

        @Test
        @DisplayName("with direct mapping only, senders of unconfigured domains cannot be represented")
        void directOnlyPolicy() {
            AddressMapper direct = new AddressMapper(AddressPolicy.of(List.of(new DomainPair("sip.example.test", "sip.example.test")),
                    List.of(new DomainPair("xmpp.example.test", "xmpp.example.test")), List.of()));
            Mapping.Refused<Jid> r = (Mapping.Refused<Jid>) direct.sipSenderToXmpp(uri("sip:mallory@elsewhere.example"), uri("sip:juliet@xmpp.example.test"));
            assertEquals(403, r.sipStatus());
            assertEquals(true, r.reason().contains("elsewhere.example"));
            assertEquals(Condition.forbidden, refused(direct.xmppSenderToSip(jid("eve@elsewhere.example"), jid("romeo@sip.example.test"), UriScheme.SIP)).xmppCondition());
        }

        @Test
        @DisplayName("im:/pres: targets cannot carry a port, so such a gateway address is refused")
        void imPort() {
            assertEquals(Condition.jid_malformed, refused(MIXED.xmppTargetToSip(jid("alice\\40192.0.2.10\\3a5070@gw.example.org"),
                    UriScheme.IM, UserSpellings.NONE)).xmppCondition());
        }

        @Test
        @DisplayName("a refusal's reason is a safe phrase: user-supplied CR LF never reaches a status line")
        void reasonIsSafe() {
            Mapping.Refused<?> r = refused(MIXED.sipTargetToXmpp(uri("sip:a%0D%0AVia:%20x@xmpp.example.test")));
            assertEquals(false, r.reason().contains("\r") || r.reason().contains("\n"));
            assertEquals(r.reason(), r.sipResponse().reason());
            assertEquals(r.reason(), r.stanzaError().getDescriptiveText(""));
        }
    }
}

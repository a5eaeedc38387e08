package org.stoxgw.mapping.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stoxgw.mapping.address.TestPolicies.MIXED;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Property-based checks over arbitrary Unicode local parts, resources and domains (ADDR-03):
 * URI → JID → URI and JID → URI → JID are the identity for every address that maps, and every
 * address that does not map is refused with a reason, never mangled into another address.
 */
class RoundTripPropertiesTest {

    // ------------------------------------------------------------------ generators

    /** Pieces that exercise every rule: escapable characters, escape look-alikes, Unicode of all kinds. */
    @Provide
    Arbitrary<String> users() {
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars(" \"&'/:<>@\\%#!$()*+,-.;=?[]^_`{|}~").ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> lookAlikes = Arbitraries.of("\\20", "\\22", "\\26", "\\27", "\\2f", "\\2F", "\\3a", "\\3c", "\\3e",
                "\\40", "\\5c", "\\5C", "\\2", "\\41", "\\\\", "%zy", "%41", "%");
        Arbitrary<String> letters = Arbitraries.strings().withCharRange('\u00c0', '\u024f').withCharRange('\u0391', '\u03c9')
                .withCharRange('\u0400', '\u04ff').withCharRange('\u4e00', '\u4e40').withCharRange('\u05d0', '\u05ea')
                .withCharRange('\uff01', '\uff5e').ofMinLength(1).ofMaxLength(4);
        Arbitrary<String> anyCodePoint = Arbitraries.integers().between(0, 0x10FFFF)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF).map(cp -> new String(Character.toChars(cp)));
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, ascii), net.jqwik.api.Tuple.of(2, lookAlikes),
                        net.jqwik.api.Tuple.of(2, letters), net.jqwik.api.Tuple.of(1, anyCodePoint))
                .list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<Optional<String>> resources() {
        Arbitrary<String> r = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u00a0', '\u04ff').withChars(" /@:").ofMinLength(1).ofMaxLength(6),
                Arbitraries.of("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "phone ü", "Romeo", "a;b=c?d&e"));
        return r.optional(0.6);
    }

    /** Foreign hosts: ASCII and IDN names, IPv4, IPv6 (never a domain the test gateway serves). */
    @Provide
    Arbitrary<String> foreignHosts() {
        Arbitrary<String> label = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(1).ofMaxLength(8),
                Arbitraries.of("bücher", "münchen", "пример", "例え", "δοκιμή", "xn--bcher-kva", "sip-1"));
        Arbitrary<String> name = label.list().ofMinSize(1).ofMaxSize(3).map(ls -> String.join(".", ls) + ".example");
        Arbitrary<String> v4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(os -> os.stream().map(String::valueOf).reduce((a, b) -> a + "." + b).orElseThrow());
        Arbitrary<String> v6 = Arbitraries.of("[2001:db8::1]", "[::1]", "[fe80::a:b:c:d]", "[::ffff:192.0.2.1]");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, name), net.jqwik.api.Tuple.of(1, v4), net.jqwik.api.Tuple.of(1, v6));
    }

    @Provide
    Arbitrary<Integer> ports() {
        return Arbitraries.oneOf(Arbitraries.just(-1), Arbitraries.integers().between(1, 65535));
    }

    private static SipUri sipUri(String user, String host, int port, Optional<String> resource) {
        SipUri u = SipUri.of(UriScheme.SIP, user, DomainNames.toAscii(host)).withPort(port);
        return resource.map(u::withGruu).orElse(u);
    }

    private static final class Book implements UserSpellings {
        final Map<String, String> seen = new HashMap<>();

        Book(UserSpellings.Spelling s) {
            if (s != null) {
                seen.put(s.sipHost() + '\n' + s.foldedUser(), s.originalUser());
            }
        }

        @Override
        public String originalUser(String sipHost, String foldedUser) {
            return seen.get(sipHost + '\n' + foldedUser);
        }
    }

    /** Every JID produced is valid under the strict rules and carries no unescaped disallowed character (JIDESC-06). */
    private static void assertWellFormed(Jid jid) {
        assertEquals(jid, StrictJids.enforce(jid), "enforcement is idempotent on mapped JIDs");
        if (jid.getLocalpartOrNull() != null) {
            String l = jid.getLocalpartOrNull().toString();
            for (char c : " \"&'/:<>@".toCharArray()) {
                assertTrue(l.indexOf(c) < 0, "unescaped '" + c + "' in " + l);
            }
            assertTrue(JidEscaping.isCanonical(l), l);
        }
    }

    private static void assertSensibleRefusal(Mapping<?> m) {
        Mapping.Refused<?> r = (Mapping.Refused<?>) m;
        assertFalse(r.reason().isBlank());
        assertTrue(r.sipStatus() >= 400 && r.sipStatus() < 700, r.reason());
        assertFalse(r.reason().contains("\r") || r.reason().contains("\n"), r.reason());
    }

    // ------------------------------------------------------------------ URI -> JID -> URI

    @Property(tries = 1500)
    @StatisticsReport(format = net.jqwik.api.statistics.Histogram.class)
    void foreignSipSenderRoundTripsThroughTheGatewayDomain(@ForAll("users") String user, @ForAll("foreignHosts") String host,
                                                           @ForAll("ports") int port, @ForAll("resources") Optional<String> resource) {
        SipUri uri;
        try {
            uri = sipUri(user, host, port, resource);
        } catch (IllegalArgumentException e) {
            Assume.that(false);
            return;
        }
        Mapping<Jid> m = MIXED.sipSenderToXmpp(uri, null);
        Statistics.collect(m.isOk() ? "mapped" : "refused");
        if (!m.isOk()) {
            assertSensibleRefusal(m);
            return;
        }
        Jid jid = m.orElseThrow();
        assertWellFormed(jid);
        assertEquals("gw.example.org", jid.getDomain().toString());
        SipUri back = MIXED.xmppTargetToSip(jid, UriScheme.SIP, new Book(MIXED.spellingOf(uri))).orElseThrow();
        assertEquals(uri, back);
        Statistics.coverage(c -> c.check("mapped").percentage(p -> p > 30));
    }

    @Property(tries = 1500)
    void sipHomedSenderRoundTripsInDirectMode(@ForAll("users") String user, @ForAll("resources") Optional<String> resource) {
        SipUri uri = sipUri(user, "voip.example.test", -1, resource);
        Mapping<Jid> m = MIXED.sipSenderToXmpp(uri, null);
        Statistics.collect(m.isOk() ? "mapped" : "refused");
        if (!m.isOk()) {
            assertSensibleRefusal(m);
            return;
        }
        Jid jid = m.orElseThrow();
        assertWellFormed(jid);
        assertEquals(uri, MIXED.xmppTargetToSip(jid, UriScheme.SIP, new Book(MIXED.spellingOf(uri))).orElseThrow());
        // Without the remembered spelling the user comes back folded, never as somebody else.
        assertEquals(LocalForms.fold(user), MIXED.xmppTargetToSip(jid, UriScheme.SIP, UserSpellings.NONE).orElseThrow().user());
        Statistics.coverage(c -> c.check("mapped").percentage(p -> p > 30));
    }

    @Property(tries = 1500)
    void sipTargetInGatewayFormRoundTripsToTheSameForm(@ForAll("users") String local, @ForAll("foreignHosts") String domain,
                                                       @ForAll("resources") Optional<String> resource) {
        Assume.that(domain.indexOf('[') < 0);
        String xmppDomain;
        try {
            xmppDomain = DomainNames.toAscii(domain);
        } catch (IllegalArgumentException e) {
            Assume.that(false);
            return;
        }
        SipUri target = sipUri(local + "@" + xmppDomain, "gw2.example.org", -1, resource);
        target = new SipUri(UriScheme.SIP, target.user(), null, "sipgw2.example.org", -1, target.params(), List.of());
        Mapping<Jid> m = MIXED.sipTargetToXmpp(target);
        Statistics.collect(m.isOk() ? "mapped" : "refused");
        if (!m.isOk()) {
            assertSensibleRefusal(m);
            return;
        }
        Jid jid = m.orElseThrow();
        assertWellFormed(jid);
        // The XMPP user answers: the reply's sender is presented in the same gateway form.
        SipUri back = MIXED.xmppSenderToSip(jid, JidCreate.fromOrThrowUnchecked("x\\40y.example@gw2.example.org"), UriScheme.SIP).orElseThrow();
        assertEquals(new SipUri(UriScheme.SIP, LocalForms.fold(local) + "@" + xmppDomain, null, "sipgw2.example.org", -1,
                target.params(), List.of()), back);
        Statistics.coverage(c -> c.check("mapped").percentage(p -> p > 30));
    }

    // ------------------------------------------------------------------ JID -> URI -> JID

    @Property(tries = 1500)
    void foreignJidRoundTripsThroughTheGatewayDomain(@ForAll("users") String unescaped, @ForAll("foreignHosts") String domain,
                                                     @ForAll("resources") Optional<String> resource) {
        Jid jid = strictJid(unescaped, domain, resource);
        Assume.that(jid != null);
        Mapping<SipUri> m = MIXED.xmppSenderToSip(jid, null, UriScheme.SIP);
        Statistics.collect(m.isOk() ? "mapped" : "refused");
        if (!m.isOk()) {
            assertSensibleRefusal(m);
            return;
        }
        SipUri uri = m.orElseThrow();
        assertEquals("gw.example.org", uri.host());
        assertEquals(uri, SipUri.parse(uri.toString()), "prints and parses back");
        assertEquals(jid, MIXED.sipTargetToXmpp(uri).orElseThrow());
        Statistics.coverage(c -> c.check("mapped").percentage(p -> p > 50));
    }

    @Property(tries = 1500)
    void sipHomedJidRoundTripsInDirectMode(@ForAll("users") String unescaped, @ForAll("resources") Optional<String> resource) {
        Jid jid = strictJid(unescaped, "im.voip.example.test", resource);
        Assume.that(jid != null);
        Mapping<SipUri> m = MIXED.xmppTargetToSip(jid, UriScheme.SIP, UserSpellings.NONE);
        assertTrue(m.isOk(), () -> "a valid, canonical JID in a served domain must map: " + jid + " " + m);
        SipUri uri = m.orElseThrow();
        assertEquals(uri, SipUri.parse(uri.toString()));
        assertEquals(jid, MIXED.sipSenderToXmpp(uri, null).orElseThrow());
    }

    @Property(tries = 1000)
    void gatewayFormJidOfAForeignSipUserRoundTrips(@ForAll("users") String user, @ForAll("foreignHosts") String host,
                                                   @ForAll("ports") int port) {
        String ascii;
        try {
            ascii = DomainNames.toAscii(host);
        } catch (IllegalArgumentException e) {
            Assume.that(false);
            return;
        }
        Jid jid = strictJid(user + "@" + DomainNames.toUnicode(ascii) + (port < 0 ? "" : ":" + port), "gw.example.org", Optional.empty());
        Assume.that(jid != null);
        Mapping<SipUri> m = MIXED.xmppTargetToSip(jid, UriScheme.SIP, UserSpellings.NONE);
        Statistics.collect(m.isOk() ? "mapped" : "refused");
        if (!m.isOk()) {
            assertSensibleRefusal(m);
            return;
        }
        assertEquals(jid, MIXED.sipSenderToXmpp(m.orElseThrow(), null).orElseThrow());
    }

    /** A JID built the way a conforming XMPP entity would (XEP-0106 escaping, PRECIS), or null. */
    private static Jid strictJid(String unescaped, String domain, Optional<String> resource) {
        try {
            return StrictJids.of(LocalForms.localpartFor(unescaped), domain, resource.orElse(null));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ building blocks

    @Property(tries = 3000)
    void escapingIsReversibleAndCanonical(@ForAll("users") String s) {
        String e = JidEscaping.escape(s);
        if (s.startsWith(" ") || s.endsWith(" ")) {
            assertEquals(null, e, "JIDESC-07");
            return;
        }
        assertNotNull(e);
        assertEquals(s, JidEscaping.unescape(e));
        assertTrue(JidEscaping.isCanonical(e));
        for (char c : " \"&'/:<>@".toCharArray()) {
            assertTrue(e.indexOf(c) < 0);
        }
    }

    @Property(tries = 3000)
    void asciiFastPathAgreesWithPrecis(@ForAll("users") String s) {
        String viaLibrary;
        try {
            viaLibrary = rocks.xmpp.precis.PrecisProfiles.USERNAME_CASE_MAPPED.enforce(s);
        } catch (IllegalArgumentException e) {
            viaLibrary = null;
        }
        String ours;
        try {
            ours = StrictJids.localpart(s);
        } catch (IllegalArgumentException e) {
            ours = null;
        }
        assertEquals(viaLibrary, ours);
        String r1;
        try {
            r1 = rocks.xmpp.precis.PrecisProfiles.OPAQUE_STRING.enforce(s);
        } catch (IllegalArgumentException e) {
            r1 = null;
        }
        String r2;
        try {
            r2 = StrictJids.resourcepart(s);
        } catch (IllegalArgumentException e) {
            r2 = null;
        }
        assertEquals(r1, r2);
    }

    @Property(tries = 2000)
    void urisPrintAndParseBack(@ForAll("users") String user, @ForAll("foreignHosts") String host, @ForAll("ports") int port,
                               @ForAll("resources") Optional<String> resource) {
        SipUri uri;
        try {
            uri = sipUri(user, host, port, resource);
        } catch (IllegalArgumentException e) {
            Assume.that(false);
            return;
        }
        assertEquals(uri, SipUri.parse(uri.toString()));
        SipUri im = SipUri.of(UriScheme.IM, user, uri.host());
        assertEquals(im, SipUri.parse(im.toString()));
    }

    @Property(tries = 3000)
    void arbitraryTextNeverBreaksTheMapping(@ForAll String text) {
        for (String candidate : new String[] {text, "sip:" + text, "sip:" + text + "@gw.example.org", "sip:a@" + text}) {
            Mapping<SipUri> parsed = SipUri.tryParse(candidate);
            if (parsed.isOk()) {
                SipUri u = parsed.orElseThrow();
                Mapping<Jid> t = MIXED.sipTargetToXmpp(u);
                Mapping<Jid> s = MIXED.sipSenderToXmpp(u, null);
                if (!t.isOk()) {
                    assertSensibleRefusal(t);
                }
                if (!s.isOk()) {
                    assertSensibleRefusal(s);
                }
            } else {
                assertSensibleRefusal(parsed);
            }
        }
    }
}

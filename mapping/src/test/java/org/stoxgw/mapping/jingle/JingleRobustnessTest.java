package org.stoxgw.mapping.jingle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jxmpp.JxmppContext;

/**
 * Hostile Jingle: attribute values of a real session-initiate replaced by junk or removed give either
 * a JingleIq that writes and reads back to the same contents, or a SmackParsingException (answered
 * {@code <bad-request/>}, JNG-02) — never another exception (JNG-08, RTP-02, RAW-01).
 */
class JingleRobustnessTest {
    static {
        JingleProviders.register();
    }

    private static final Pattern ATTR = Pattern.compile(" ([a-z-]+)='([^']*)'");

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> junk = Arbitraries.strings().withChars("0123456789abz-:/ .").ofMaxLength(11);
        return Combinators.combine(Arbitraries.integers().between(0, 80).list().ofMaxSize(4), junk.list().ofSize(4),
                Arbitraries.of(true, false).list().ofSize(4)).as((idx, js, drop) -> {
                    String xml = JingleStanzas.WEBRTC.replaceFirst("<iq ", "<iq xmlns='jabber:client' ");
                    for (int k = 0; k < idx.size(); k++) {
                        Matcher m = ATTR.matcher(xml);
                        int n = 0;
                        while (m.find()) {
                            // the stanza's own attributes (JIDs: jxmpp's leniency) are not the Jingle elements' business
                            if (n++ == idx.get(k) && !java.util.Set.of("type", "id", "from", "to").contains(m.group(1))) {
                                String rep = drop.get(k) ? "" : " " + m.group(1) + "='" + js.get(k) + "'";
                                xml = xml.substring(0, m.start()) + rep + xml.substring(m.end());
                                break;
                            }
                        }
                    }
                    return xml;
                });
    }

    @Property(tries = 1500)
    void parsesOrRefuses(@ForAll("mutated") String xml) throws Exception {
        Stanza s;
        try {
            s = PacketParserUtils.parseStanza(PacketParserUtils.getParserFor(xml), XmlEnvironment.EMPTY, JxmppContext.getDefaultContext());
        } catch (SmackParsingException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
            return;
        } catch (Exception e) {
            // a mutated from/to is a JID the stanza layer refuses before the Jingle provider runs
            assertTrue(e.getClass().getName().startsWith("org.jxmpp") || e instanceof org.jivesoftware.smack.xml.XmlPullParserException
                    || e.getCause() != null && e.getCause().getClass().getName().startsWith("org.jxmpp"), e.toString());
            return;
        }
        if (s instanceof JingleIq j) {
            // unknown descriptions/transports are generic elements without equals, and a child read by its name in
            // a parent's namespace is written in its own: the written form is a fixed point after one round
            JingleIq once = JingleStanzas.again(j);
            assertEquals(JingleStanzas.xml(once), JingleStanzas.xml(JingleStanzas.again(once)));
        }
    }
}

package org.stoxgw.mapping.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jxmpp.JxmppContext;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.mapping.address.AddressPolicy;
import org.stoxgw.mapping.address.AddressPolicy.DomainPair;
import org.stoxgw.mapping.address.SipUri;
import org.stoxgw.mapping.address.UriScheme;
import org.stoxgw.mapping.address.UserSpellings;
import org.stoxgw.mapping.message.ContentPolicy;
import org.stoxgw.mapping.message.PayloadLimits;
import org.stoxgw.mapping.message.SipToXmppMessage;
import org.stoxgw.mapping.message.XmppToSipMessage;
import org.stoxgw.mapping.payload.ParseResult;
import org.stoxgw.mapping.payload.XmlLimits;
import org.stoxgw.mapping.presence.PidfDocument;
import org.stoxgw.mapping.presence.PidfParser;
import org.stoxgw.mapping.presence.PidfToPresence;
import org.stoxgw.mapping.presence.PidfWriter;
import org.stoxgw.mapping.presence.PresenceToPidf;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;

/**
 * The pure translation steps of the hot paths, one call each (no wire, no threads): addresses both ways
 * (direct and gateway-domain mode), a text MESSAGE into a stanza and back, PIDF into presence and back.
 * Run: {@code ./mvnw -B -Pjmh -pl mapping -am verify -DskipTests}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MappingBench {
    static final String PIDF = """
            <?xml version='1.0' encoding='UTF-8'?>
            <presence xmlns='urn:ietf:params:xml:ns:pidf' entity='pres:romeo@sip.example.test'>
              <tuple id='ID-balcony'>
                <status><basic>open</basic><show xmlns='jabber:client'>away</show></status>
                <contact priority='0.5'>sip:romeo@sip.example.test;gr=balcony</contact>
                <note xml:lang='en'>Wherefore art thou</note>
              </tuple>
            </presence>
            """;

    AddressMapper addresses;
    SipUri sipTarget;
    SipUri sipTargetEscaped;
    Jid xmppTarget;
    Jid xmppTargetEscaped;
    SipRequest message;
    Message stanza;
    SipToXmppMessage.Options s2x;
    XmppToSipMessage.Options x2s;
    XmppToSipMessage.Identifiers ids;
    byte[] pidf;
    Presence presence;
    final AtomicLong counter = new AtomicLong();

    @Setup
    public void setup() throws Exception {
        addresses = new AddressMapper(AddressPolicy.of(List.of(new DomainPair("sip.example.test", "sip.example.test")),
                List.of(new DomainPair("xmpp.example.test", "xmpp.example.test")),
                List.of(new DomainPair("gw.example.test", "gw.example.test"))));
        sipTarget = SipUri.parse("sip:juliet@xmpp.example.test");
        sipTargetEscaped = SipUri.parse("sip:juliet%40xmpp.example.com@gw.example.test");
        xmppTarget = JidCreate.from("romeo@sip.example.test");
        xmppTargetEscaped = JidCreate.from("romeo\\40sip.example.net@gw.example.test");
        message = new SipRequest("MESSAGE", "sip:juliet@xmpp.example.test",
                NameAddress.parse("<sip:romeo@sip.example.test>;tag=a73kszlfl"), NameAddress.of("sip:juliet@xmpp.example.test"),
                "a84b4c76e66710@pc33.sip.example.test", 1, SipHeaders.of("Contact", "<sip:romeo@192.0.2.4:5060>"),
                SipBody.text("text/plain", "Neither, fair saint, if either thee dislike."));
        stanza = (Message) PacketParserUtils.parseStanza(PacketParserUtils.getParserFor(
                "<message xmlns='jabber:client' from='juliet@xmpp.example.test/balcony' to='romeo@sip.example.test' "
                        + "id='k2n7x' type='chat'><body>Art thou not Romeo, and a Montague?</body></message>"),
                XmlEnvironment.EMPTY, JxmppContext.getDefaultContext());
        s2x = new SipToXmppMessage.Options(ContentPolicy.ALL, PayloadLimits.DEFAULT);
        x2s = new XmppToSipMessage.Options(ContentPolicy.ALL, 60);
        ids = new XmppToSipMessage.Identifiers() {
            @Override
            public String newTag() {
                return "t" + counter.incrementAndGet();
            }

            @Override
            public String newCallId() {
                return "c" + counter.incrementAndGet() + "@gw.example.test";
            }

            @Override
            public long nextCSeq() {
                return counter.incrementAndGet() & 0x7fffffff;
            }

            @Override
            public String newUnique() {
                return Long.toHexString(counter.incrementAndGet());
            }
        };
        pidf = PIDF.getBytes(StandardCharsets.UTF_8);
        presence = PidfToPresence.presences(((ParseResult.Ok<PidfDocument>) PidfParser.parse(pidf, XmlLimits.DEFAULT)).value(),
                JidCreate.entityBareFrom("romeo@sip.example.test"), JidCreate.from("juliet@xmpp.example.test"), null).get(0);
    }

    @Benchmark
    public Object addressSipToXmpp() {
        return addresses.sipTargetToXmpp(sipTarget);
    }

    @Benchmark
    public Object addressSipToXmppGatewayDomain() {
        return addresses.sipTargetToXmpp(sipTargetEscaped);
    }

    @Benchmark
    public Object addressXmppToSip() {
        return addresses.xmppTargetToSip(xmppTarget, UriScheme.SIP, UserSpellings.NONE);
    }

    @Benchmark
    public Object addressXmppToSipGatewayDomain() {
        return addresses.xmppTargetToSip(xmppTargetEscaped, UriScheme.SIP, UserSpellings.NONE);
    }

    /** SIP MESSAGE (neutral model) to a Smack message: addresses, thread, id, text. */
    @Benchmark
    public Object messageSipToXmpp() {
        return SipToXmppMessage.translate(message, addresses, Long.toString(counter.incrementAndGet(), 36), s2x);
    }

    /** Smack message to a SIP MESSAGE (neutral model). */
    @Benchmark
    public Object messageXmppToSip() {
        return XmppToSipMessage.translate(stanza, addresses, UserSpellings.NONE, x2s, ids, Instant.EPOCH);
    }

    /** PIDF body to presence stanzas (parse with the hardened StAX cursor, then map). */
    @Benchmark
    public Object pidfToPresence() throws Exception {
        ParseResult<PidfDocument> d = PidfParser.parse(pidf, XmlLimits.DEFAULT);
        return PidfToPresence.presences(((ParseResult.Ok<PidfDocument>) d).value(), JidCreate.entityBareFrom("romeo@sip.example.test"),
                JidCreate.from("juliet@xmpp.example.test"), null);
    }

    /** A presence stanza to a PIDF body. */
    @Benchmark
    public Object presenceToPidf() {
        var tuple = PresenceToPidf.tuple(presence, "sip:romeo@sip.example.test", "en").orElseThrow();
        return PidfWriter.write(PresenceToPidf.document("pres:romeo@sip.example.test", List.of(tuple)),
                Instant.EPOCH, true);
    }
}

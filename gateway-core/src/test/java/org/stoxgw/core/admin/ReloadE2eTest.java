package org.stoxgw.core.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stoxgw.core.e2e.Federation;
import org.stoxgw.core.e2e.GatewayUnderTest;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.Peers;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.sipp.Sipp;
import org.stoxgw.testfixtures.peers.xmpp.ProsodyPeer;
import org.stoxgw.testfixtures.peers.xmpp.ScriptedXmppClient;
import org.stoxgw.testfixtures.peers.xmpp.XmppTestPki;

/**
 * A certificate renewed on disk and picked up without a restart: Prosody requires valid certificates on
 * S2S (s2s_secure_auth). The gateway starts with a certificate for sip.test only, so Prosody cannot
 * authenticate it as gw.test; the renewed one (same file, as an ACME client writes it) also names gw.test.
 * After the reload a new S2S connection from Prosody for gw.test succeeds, while the established sip.test
 * stream and a presence subscription over it (SIPp watching juliet) keep working. A broken file changes
 * nothing and says where it is broken.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReloadE2eTest {
    static final String SIPP_IP = TestNet.address(11);
    static final Duration WAIT = Duration.ofSeconds(40);
    static final String ROMEO = "romeo@" + GatewayUnderTest.SIP_DOMAIN;

    final Path work = Path.of("target", "e2e", "admin-reload").toAbsolutePath();
    Federation world;
    ScriptedXmppClient juliet;
    AdminClient admin;
    XmppTestPki pki;
    Path gatewayStore;
    int adminPort;

    @BeforeAll
    void start() throws IOException {
        Peers.require("sipp", "sip-tester");
        Path pkiDir = work.resolve("pki");
        pki = new XmppTestPki(pkiDir, "reload-ca");
        pki.issue(GatewayUnderTest.XMPP_DOMAIN);
        XmppTestPki.Issued first = pki.issue(GatewayUnderTest.SIP_DOMAIN);
        gatewayStore = pkiDir.resolve("gateway-live.p12");
        Files.copy(first.keyStore(), gatewayStore, StandardCopyOption.REPLACE_EXISTING);
        GatewayUnderTest.Builder b = GatewayUnderTest.builder();
        adminPort = FreePorts.tcp("127.0.0.1");
        b.hocon("""
                gateway.tls {
                  key-store = "%s", key-store-password = "%s"
                  trust-store = "%s", trust-store-password = "%s"
                }
                gateway.xmpp.security { tls = required, auth = certificates-required }
                gateway.admin { enabled = true, listen = "127.0.0.1:%d" }
                """.formatted(gatewayStore, XmppTestPki.PASSWORD, pki.trustStore(), XmppTestPki.PASSWORD, adminPort));
        world = Federation.start(work, b, p -> p.s2sTls(ProsodyPeer.S2sTls.REQUIRED).secureAuth(pki.caPem())
                .certificates(pkiDir).alsoRoute(GatewayUnderTest.GATEWAY_DOMAIN), "juliet");
        juliet = world.login("juliet", false, true);
        world.warmUp(juliet);
        admin = new AdminClient("127.0.0.1", adminPort, null);
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    /** {@code stoxgwctl reload}, as an operator (or a certificate renewal hook) runs it; exit 1 when refused. */
    JsonObject reload() {
        Ctl.Result r = Ctl.run(java.util.Map.of("STOXGW_ADMIN_URL", "http://127.0.0.1:" + adminPort), "reload");
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(o.get("applied").getAsBoolean() ? 0 : 1, r.exit(), r.out());
        return o;
    }

    List<JsonObject> links() {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(admin.get("/api/links").body()).getAsJsonObject().getAsJsonArray("links")) {
            out.add(e.getAsJsonObject());
        }
        return out;
    }

    /** The inbound stream Prosody opened for {@code local}, if any. */
    List<JsonObject> inbound(String local) {
        return links().stream().filter(l -> l.get("direction").getAsString().equals("in")
                && l.get("localDomain").getAsString().equals(local)).toList();
    }

    @Test
    @DisplayName("issue 18 / AMB-O06 / SEC-01: renewed certificate on disk + reload: Prosody's new S2S connection "
            + "sees it; the existing stream and a presence subscription (PRES-20, PRES-32) keep working")
    void renewedCertificate() throws IOException {
        // over TCP: a slow first answer (a loaded machine) draws no UDP retransmission the scenario would trip on
        try (Sipp watcher = Sipp.scenario("uac-presence-watch", work).local(SIPP_IP, FreePorts.tcpAndUdp(SIPP_IP)).transport("tcp")
                .remote(world.gateway().ip(), world.gateway().sipPort()).service("juliet")
                .key("to_domain", GatewayUnderTest.XMPP_DOMAIN).key("from_user", "romeo")
                .key("from_domain", GatewayUnderTest.SIP_DOMAIN).start()) {
            // a presence subscription over the sip.test streams: romeo (SIPp) watches juliet
            juliet.awaitPresence(p -> p.is("subscribe", ROMEO), WAIT);
            juliet.presence(ROMEO, "subscribed", null, null);
            juliet.presence(null, null, "away", "before the renewal");
            List<JsonObject> before = inbound(GatewayUnderTest.SIP_DOMAIN);
            assertEquals(1, before.size(), links().toString());

            // the old certificate names sip.test only: Prosody refuses to authenticate gw.test
            assertFalse(juliet.ping(GatewayUnderTest.GATEWAY_DOMAIN, Duration.ofSeconds(15)),
                    "gw.test must not authenticate with the old certificate");

            // renewal: a new certificate in the same file, then reload
            XmppTestPki.Issued renewed = pki.issue("renewed", GatewayUnderTest.SIP_DOMAIN, GatewayUnderTest.GATEWAY_DOMAIN);
            Files.copy(renewed.keyStore(), gatewayStore, StandardCopyOption.REPLACE_EXISTING);
            JsonObject report = reload();
            assertTrue(report.get("applied").getAsBoolean(), report.toString());
            assertTrue(report.getAsJsonArray("changed").toString().contains("gateway.tls"), report.toString());

            // a new S2S connection from Prosody, for gw.test: authenticated with the new certificate
            assertTrue(juliet.ping(GatewayUnderTest.GATEWAY_DOMAIN, WAIT), "gw.test authenticates after the reload; "
                    + links() + "\n" + world.prosody().logTail(30));
            assertEquals(1, inbound(GatewayUnderTest.GATEWAY_DOMAIN).size(), links().toString());

            // the established sip.test stream is the same one, and still carries the subscription's presence
            juliet.presence(null, null, "dnd", "after the renewal");
            assertEquals(0, watcher.awaitExit(WAIT), watcher.report());
            String log = String.join("\n", watcher.scenarioLog());
            assertTrue(log.contains("show=dnd"), log);
            List<JsonObject> after = inbound(GatewayUnderTest.SIP_DOMAIN);
            assertEquals(1, after.size(), links().toString());
            assertTrue(after.get(0).get("stanzasIn").getAsLong() > before.get(0).get("stanzasIn").getAsLong(),
                    "the stream that existed before the reload carried the presence after it: " + after);
        }
    }

    @Test
    @DisplayName("issue 18 / AMB-O06: a reload with a broken file changes nothing and reports file:line; a key "
            + "that cannot change at run time is reported as needing a restart")
    void brokenFileAndRestartKeys() throws IOException {
        Path conf = world.gateway().configFile();
        String good = Files.readString(conf);
        try {
            Files.writeString(conf, good + "\ngateway.xmpp.remote-domains.deny = 42\n");
            JsonObject refused = reload();
            assertFalse(refused.get("applied").getAsBoolean(), refused.toString());
            String problems = refused.getAsJsonArray("problems").toString();
            int line = good.split("\n", -1).length + 1;
            assertTrue(problems.contains(conf.getFileName() + ":" + line), problems);
            assertTrue(juliet.ping(GatewayUnderTest.SIP_DOMAIN, WAIT), "still running as before");

            // a listening point cannot move while running; a log level can change
            Files.writeString(conf, good + "\ngateway.core.event-loop-threads = 3\n"
                    + "gateway.logging.levels { \"org.stoxgw.core.admin\" = DEBUG }\n");
            JsonObject partly = reload();
            assertTrue(partly.get("applied").getAsBoolean(), partly.toString());
            assertTrue(partly.getAsJsonArray("restartNeeded").toString().contains("gateway.core.event-loop-threads"), partly.toString());
            assertTrue(partly.getAsJsonArray("changed").toString().contains("gateway.logging.levels"), partly.toString());
            assertTrue(org.slf4j.LoggerFactory.getLogger("org.stoxgw.core.admin").isDebugEnabled());
        } finally {
            Files.writeString(conf, good);
            reload();
        }
        assertFalse(org.slf4j.LoggerFactory.getLogger("org.stoxgw.core.admin").isDebugEnabled(),
                "a logger that leaves the map gets its level back");
    }
}

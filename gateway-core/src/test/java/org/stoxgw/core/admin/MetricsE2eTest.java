package org.stoxgw.core.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.stoxgw.testfixtures.peers.xmpp.ScriptedXmppClient;

/**
 * The admin endpoint of a real gateway between SIPp and a real Prosody: /metrics scraped while messages
 * flow, parsed by the Prometheus project's own parsers (OpenMetrics and text 0.0.4), counters and the
 * latency histogram moving with the flow; the probes and the JSON views; the bearer token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsE2eTest {
    static final String SIPP_IP = TestNet.address(7);
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String TOKEN = "scrape-token-e2e";
    static final String DELIVERED_S2X = "stoxgw_traffic_total";

    final Path work = Path.of("target", "e2e", "admin-metrics").toAbsolutePath();
    Federation world;
    ScriptedXmppClient juliet;
    AdminClient admin;

    @BeforeAll
    void start() {
        Peers.require("sipp", "sip-tester");
        ParsedMetrics.requireParser();
        String gwIp = TestNet.address(3);
        int adminPort = FreePorts.tcp(gwIp);
        // beyond loopback (the testbed address) with a token, as the configuration demands
        world = Federation.start(work, gw -> gw.sipRoute(GatewayUnderTest.SIP_DOMAIN, SIPP_IP + ":" + FreePorts.tcpAndUdp(SIPP_IP))
                .hocon("gateway.admin { enabled = true, listen = \"" + gwIp + ":" + adminPort + "\", token = \"" + TOKEN + "\" }"),
                "juliet");
        juliet = world.login("juliet", true);
        world.warmUp(juliet);
        admin = new AdminClient(gwIp, adminPort, TOKEN);
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    void sippSends(String body) {
        try (Sipp uac = Sipp.scenario("uac-message-any", work).key("body", body)
                .local(SIPP_IP, FreePorts.tcpAndUdp(SIPP_IP)).remote(world.gateway().ip(), world.gateway().sipPort())
                .transport("udp").service("juliet").key("to_domain", GatewayUnderTest.XMPP_DOMAIN)
                .key("from_user", "romeo").key("from_domain", GatewayUnderTest.SIP_DOMAIN).key("ctype", "text/plain").start()) {
            assertEquals(0, uac.awaitExit(WAIT), uac.report());
        }
        juliet.awaitMessage(r -> r.body() != null && r.body().strip().equals(body), WAIT);
    }

    ParsedMetrics scrape(boolean openMetrics) {
        HttpResponse<String> r = admin.get("/metrics", openMetrics ? AdminClient.PROMETHEUS_ACCEPT : "text/plain");
        assertEquals(200, r.statusCode(), r.body());
        String type = r.headers().firstValue("Content-Type").orElse("");
        assertTrue(openMetrics ? type.startsWith("application/openmetrics-text; version=1.0.0")
                : type.startsWith("text/plain; version=0.0.4"), type);
        return ParsedMetrics.parse(r.body(), openMetrics);
    }

    static double delivered(ParsedMetrics m) {
        return m.value(DELIVERED_S2X, "direction", "sip_to_xmpp", "outcome", "delivered");
    }

    @Test
    @DisplayName("issue 18 / AMB-O02 / IM-10: /metrics scraped during a SIP->XMPP message flow parses as OpenMetrics; "
            + "traffic counter, latency histogram and the SIP adapter's MESSAGE counter move with the flow")
    void metricsFollowTheFlow() throws Exception {
        ParsedMetrics before = scrape(true);
        assertEquals("counter", before.type("stoxgw_traffic"));
        assertEquals("histogram", before.type("stoxgw_message_latency_seconds"));
        assertEquals("histogram", before.type("stoxgw_call_setup_seconds"));

        // a scraper that keeps scraping while the messages go through
        AtomicBoolean flowing = new AtomicBoolean(true);
        List<String> during = new ArrayList<>();
        Thread scraper = new Thread(() -> {
            while (flowing.get() && during.size() < 40) {
                HttpResponse<String> r = admin.get("/metrics", AdminClient.PROMETHEUS_ACCEPT);
                synchronized (during) {
                    during.add(r.body());
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "scraper");
        scraper.start();
        int n = 4;
        List<Double> afterEach = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sippSends("metrics flow " + i);
            afterEach.add(delivered(scrape(true)));
        }
        flowing.set(false);
        scraper.join(10_000);

        for (int i = 0; i < n; i++) {
            assertTrue(afterEach.get(i) >= delivered(before) + i + 1, "after message " + (i + 1) + ": " + afterEach);
        }
        ParsedMetrics after = scrape(true);
        assertEquals(delivered(before) + n, delivered(after), 0.0, "each message counted once as delivered");
        double count = after.value("stoxgw_message_latency_seconds_count", "direction", "sip_to_xmpp", "outcome", "delivered");
        double inf = after.value("stoxgw_message_latency_seconds_bucket", "direction", "sip_to_xmpp", "outcome", "delivered", "le", "+Inf");
        double countBefore = before.value("stoxgw_message_latency_seconds_count", "direction", "sip_to_xmpp", "outcome", "delivered");
        assertEquals(countBefore + n, count, 0.0, "one latency observation per message");
        assertEquals(count, inf, 0.0);
        assertTrue(after.value("stoxgw_message_latency_seconds_sum", "direction", "sip_to_xmpp", "outcome", "delivered") > 0);

        // a JMX counter with a bounded label (the SIP adapter's requests by method)
        assertEquals("counter", after.type("stoxgw_sip_adapter_requests_received"));
        assertTrue(after.value("stoxgw_sip_adapter_requests_received_total", "method", "MESSAGE")
                >= before.value("stoxgw_sip_adapter_requests_received_total", "method", "MESSAGE") + n);
        // JMX gauges and counters of every bean: sessions, XMPP links, presence store
        assertEquals("gauge", after.type("stoxgw_sessions"));
        assertEquals("gauge", after.type("stoxgw_sessions_by_kind"));
        assertEquals("gauge", after.type("stoxgw_xmpp_links_outbound_links"));
        assertTrue(after.value("stoxgw_xmpp_links_outbound_links") >= 1, "the link to Prosody");
        assertEquals("counter", after.type("stoxgw_xmpp_links_stanzas_out"));
        assertEquals("counter", after.type("stoxgw_presence_store_writes"));
        assertEquals("gauge", after.type("stoxgw_gateway_uptime_seconds"));

        // what the scraper saw while the flow ran: every scrape parses, and the counter never goes back
        assertFalse(during.isEmpty());
        double last = delivered(before);
        synchronized (during) {
            for (int i = 0; i < during.size(); i += Math.max(1, during.size() / 8)) {
                double d = delivered(ParsedMetrics.parse(during.get(i), true));
                assertTrue(d >= last, "a counter went backwards: " + d + " after " + last);
                last = d;
            }
        }
        // the same scrape in the Prometheus text format 0.0.4, for older scrapers
        assertEquals(delivered(after), delivered(scrape(false)), 0.0);
    }

    @Test
    @DisplayName("issue 18 / AMB-O03: /health and /ready answer without the token; ready lists its checks")
    void probes() {
        HttpResponse<String> health = admin.getWithoutToken("/health");
        assertEquals(200, health.statusCode());
        assertEquals("up", JsonParser.parseString(health.body()).getAsJsonObject().get("status").getAsString());
        HttpResponse<String> ready = admin.getWithoutToken("/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject checks = JsonParser.parseString(ready.body()).getAsJsonObject().getAsJsonObject("checks");
        assertEquals("ok", checks.get("listening").getAsString());
        assertEquals("ok", checks.get("store").getAsString());
    }

    @Test
    @DisplayName("issue 18 / AMB-O04: everything but the probes needs the bearer token")
    void tokenRequired() {
        assertEquals(401, admin.getWithoutToken("/metrics").statusCode());
        assertEquals(401, admin.getWithoutToken("/api/status").statusCode());
        assertEquals(200, admin.get("/api/status").statusCode());
        assertEquals(404, admin.get("/nothing-here").statusCode());
    }

    @Test
    @DisplayName("issue 18 / AMB-O05: JSON views: the S2S link to Prosody, the SIP route, sessions by kind")
    void jsonViews() {
        JsonObject links = JsonParser.parseString(admin.get("/api/links").body()).getAsJsonObject();
        assertTrue(links.getAsJsonArray("links").toString().contains(GatewayUnderTest.XMPP_DOMAIN), links.toString());
        JsonObject peers = JsonParser.parseString(admin.get("/api/peers").body()).getAsJsonObject();
        assertTrue(peers.getAsJsonArray("sip").toString().contains("static route"), peers.toString());
        JsonObject sessions = JsonParser.parseString(admin.get("/api/sessions?kind=presence").body()).getAsJsonObject();
        assertTrue(sessions.getAsJsonObject("byKind").has("message"), sessions.toString());
        assertTrue(sessions.has("sessions"), sessions.toString());
        assertEquals(400, admin.get("/api/sessions?kind=nonsense").statusCode());
        JsonObject status = JsonParser.parseString(admin.get("/api/status").body()).getAsJsonObject();
        assertEquals("RUNNING", status.get("state").getAsString());
    }
}

package org.stoxgw.xmppadapter.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stoxgw.testfixtures.TcpProxy;
import org.stoxgw.testfixtures.peers.ManagedProcess;
import org.stoxgw.testfixtures.peers.TestNet;
import org.stoxgw.testfixtures.peers.xmpp.ProsodyPeer;
import org.stoxgw.testfixtures.peers.xmpp.SlixmppClient;
import org.stoxgw.xmppadapter.AdapterPeer;
import org.stoxgw.xmppadapter.XmppOutcome;

/**
 * The gateway's link to a real Prosody is reset (RST, data in flight lost) in the middle of a steady
 * flow of messages to a user logged in there. Afterwards every message was either received by that
 * user or failed with an outcome its sender would be told about: delivered + failed = sent.
 */
class ProsodyLinkKillTest {
    @Test
    @DisplayName("CORE-08: link killed mid-flow: every message delivered or failed with an outcome, none unaccounted")
    void linkKilledMidFlow() throws Exception {
        SlixmppClient.require();
        Path work = Path.of("target", "peers", "prosody-link-kill").toAbsolutePath();
        String gwIp = TestNet.address(3);
        InetSocketAddress prosodyS2s = new InetSocketAddress(TestNet.address(2), ProsodyPeer.S2S_PORT);
        int n = 300;
        try (TcpProxy proxy = new TcpProxy(gwIp, prosodyS2s);
             AdapterPeer gateway = new AdapterPeer("gw.test", gwIp + ":0",
                     "gateway.xmpp.routes { \"xmpp.test\" = \"%s:%d\" }\n".formatted(gwIp, proxy.port()))) {
            String point = gateway.listeningPoints.get(0);
            int gwPort = Integer.parseInt(point.substring(point.lastIndexOf(':') + 1));
            try (ProsodyPeer prosody = ProsodyPeer.builder(work.resolve("prosody"), "xmpp.test")
                    .gatewayRoute("gw.test", gwIp, gwPort).user("alice", "pw-alice").logLevel("info").start();
                 ManagedProcess alice = SlixmppClient.receiver(work, "alice", "alice@xmpp.test", "pw-alice", prosody.ip(),
                         "--collect", "--idle", "8", "--timeout", "120")) {
                List<CompletableFuture<XmppOutcome>> outcomes = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    outcomes.add(gateway.adapter.send(AdapterPeer.message("bob@gw.test", "alice@xmpp.test", "k" + i, "n" + i))
                            .toCompletableFuture());
                    if (i == n / 2) {
                        // cut a link that is up (the first stanza has its outcome), not one still negotiating
                        outcomes.get(0).get(60, TimeUnit.SECONDS);
                        proxy.cutAll();
                    }
                    Thread.sleep(5);
                }
                CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
                Set<String> sent = new HashSet<>();
                Set<String> failed = new HashSet<>();
                for (int i = 0; i < n; i++) {
                    (outcomes.get(i).getNow(null) instanceof XmppOutcome.Sent ? sent : failed).add("n" + i);
                }
                assertEquals(0, alice.waitFor(Duration.ofSeconds(60)), alice.tail(20));
                Set<String> received = new HashSet<>();
                int lines = 0;
                Pattern p = Pattern.compile("^RECEIVED from=bob@gw.test\\S* body=(n\\d+)$");
                for (String l : alice.lines()) {
                    Matcher m = p.matcher(l);
                    if (m.matches()) {
                        received.add(m.group(1));
                        lines++;
                    }
                }
                Set<String> missing = new HashSet<>(sent);
                missing.removeAll(received);
                assertEquals(Set.of(), missing, "every message reported Sent reached alice");
                Set<String> unaccounted = new HashSet<>();
                for (int i = 0; i < n; i++) {
                    if (!received.contains("n" + i) && !failed.contains("n" + i)) {
                        unaccounted.add("n" + i);
                    }
                }
                assertEquals(Set.of(), unaccounted, "nothing unaccounted");
                assertEquals(n, sent.size() + failed.size());
                assertTrue(proxy.accepted() >= 2, "the link was re-established");
                System.out.printf("prosody link kill: sent=%d delivered=%d failed=%d received(distinct)=%d duplicates=%d resent=%d%n",
                        n, sent.size(), failed.size(), received.size(), lines - received.size(), gateway.bean().getResent());
            }
        }
    }
}

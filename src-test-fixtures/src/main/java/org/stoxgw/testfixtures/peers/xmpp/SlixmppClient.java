package org.stoxgw.testfixtures.peers.xmpp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stoxgw.testfixtures.peers.ManagedProcess;
import org.stoxgw.testfixtures.peers.Peers;

/**
 * The project's scripted XMPP client ({@code src-test-fixtures/peers/xmpp/xmpp_client.py}, Debian
 * python3-slixmpp under /usr/bin/python3): logs in to a server's c2s port by IP and sends or receives
 * chat messages. Its output lines ({@code SENT}, {@code RECEIVED from=… body=…},
 * {@code REPLY-RECEIVED …}, {@code ERROR-STANZA …}) are what tests assert on.
 */
public final class SlixmppClient {
    private static final String PYTHON = "/usr/bin/python3";

    private SlixmppClient() {
    }

    /** Skips (or fails under STOXGW_REQUIRE_PEERS=1) when slixmpp is not installed. */
    public static void require() {
        Peers.require(PYTHON, "python3");
        if (!Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/slixmpp"))) {
            Peers.require("/usr/lib/python3/dist-packages/slixmpp/__init__.py", "python3-slixmpp");
        }
    }

    /** Starts the client with {@code args} after the script; output to {@code dir/<name>.log}. */
    public static ManagedProcess start(Path dir, String name, List<String> args) {
        require();
        List<String> cmd = new ArrayList<>(List.of(PYTHON, Peers.files().resolve("xmpp/xmpp_client.py").toString()));
        cmd.addAll(args);
        return ManagedProcess.start("slixmpp-" + name, cmd, dir, dir.resolve(name + ".log"), Map.of("PYTHONUNBUFFERED", "1"));
    }

    /**
     * Receives as {@code jid} on {@code serverIp}; returns once the client is logged in ("READY").
     * {@code extra}: e.g. {@code --reply TEXT}, {@code --collect --idle 5}, {@code --timeout 60}.
     */
    public static ManagedProcess receiver(Path dir, String name, String jid, String password, String serverIp, String... extra) {
        List<String> args = new ArrayList<>(List.of("recv", jid, password, serverIp));
        args.addAll(List.of(extra));
        ManagedProcess p = start(dir, name, args);
        p.awaitLog("^READY", Duration.ofSeconds(20));
        return p;
    }

    /** Sends one message and waits for the client to finish; returns its exit code and output. */
    public static Run send(Path dir, String name, String jid, String password, String serverIp, String to, String body,
                           String... extra) {
        List<String> args = new ArrayList<>(List.of("send", jid, password, serverIp, to, body));
        args.addAll(List.of(extra));
        try (ManagedProcess p = start(dir, name, args)) {
            int code = p.waitFor(Duration.ofSeconds(60));
            return new Run(code, p.lines());
        }
    }

    /** A finished client run. */
    public record Run(int exitCode, List<String> lines) {
        /** The first output line starting with {@code prefix}, or null. */
        public String line(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
        }
    }
}

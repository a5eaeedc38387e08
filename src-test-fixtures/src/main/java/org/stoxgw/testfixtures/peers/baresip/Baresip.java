package org.stoxgw.testfixtures.peers.baresip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stoxgw.testfixtures.FreePorts;
import org.stoxgw.testfixtures.peers.ManagedProcess;
import org.stoxgw.testfixtures.peers.Peers;

/**
 * A real baresip 1.0 user agent, headless: the project's config template
 * ({@code src-test-fixtures/peers/baresip/config}) rendered into a directory under the module's
 * {@code target/}, one account without registration, a contact list, and the ctrl_tcp module
 * (JSON in netstrings) to drive it. Its stdin is a pipe kept open (its stdio module needs a
 * pollable stdin). Incoming MESSAGEs show up in its output ({@link #output()}).
 */
public final class Baresip implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Pattern OK = Pattern.compile("\"ok\"\\s*:\\s*(true|false)");
    private final ManagedProcess process;
    private final String ip;
    private final int sipPort;
    private final int ctrlPort;

    private Baresip(ManagedProcess process, String ip, int sipPort, int ctrlPort) {
        this.process = process;
        this.ip = ip;
        this.sipPort = sipPort;
        this.ctrlPort = ctrlPort;
    }

    /**
     * Starts baresip on {@code ip} (free SIP and control ports) with account {@code aor} (e.g.
     * {@code sip:romeo@sip.example.net}) and {@code contacts} (lines such as
     * {@code "juliet" <sip:juliet@192.0.2.1:5060>}; the last one is the current contact).
     * Skips the test when baresip is not installed.
     */
    public static Baresip start(Path workDir, String ip, String aor, List<String> contacts) {
        return start(workDir, ip, aor, "", contacts);
    }

    /**
     * As {@link #start(Path, String, String, List)}, with more account parameters, e.g.
     * {@code ;outbound="sip:192.0.2.1:5060"} to send every request through a proxy (the gateway).
     */
    public static Baresip start(Path workDir, String ip, String aor, String accountParams, List<String> contacts) {
        return start(workDir, ip, 0, aor, accountParams, contacts);
    }

    /**
     * As {@link #start(Path, String, String, String, List)} on a SIP port chosen by the caller (0 = a
     * free one), e.g. when the gateway that routes to baresip must start first.
     */
    public static Baresip start(Path workDir, String ip, int port, String aor, String accountParams, List<String> contacts) {
        Path binary = Peers.require("baresip", "baresip");
        int sipPort = port > 0 ? port : FreePorts.tcpAndUdp(ip);
        int ctrlPort = FreePorts.tcp(ip);
        Path dir = workDir.resolve("baresip-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet()).toAbsolutePath();
        try {
            Files.createDirectories(dir);
            String config = Files.readString(Peers.files().resolve("baresip").resolve("config"))
                    .replace("@IP@", ip).replace("@PORT@", Integer.toString(sipPort)).replace("@CTRL_PORT@", Integer.toString(ctrlPort));
            Files.writeString(dir.resolve("config"), config);
            Files.writeString(dir.resolve("accounts"), "<" + aor + ">;regint=0;answermode=auto;audio_codecs=PCMU" + accountParams
                    + "\n");
            Files.write(dir.resolve("contacts"), contacts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManagedProcess p = ManagedProcess.start("baresip", List.of(binary.toString(), "-f", dir.toString()), dir,
                dir.resolve("baresip.log"), Map.of());
        try {
            p.awaitTcp(ip, ctrlPort, Duration.ofSeconds(15));
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        return new Baresip(p, ip, sipPort, ctrlPort);
    }

    /** Where baresip takes SIP (UDP and TCP). */
    public int sipPort() {
        return sipPort;
    }

    public String ip() {
        return ip;
    }

    /**
     * Runs a ctrl_tcp command, e.g. {@code command("message", "hello")} (a MESSAGE to the current
     * contact); returns baresip's reply, failing when it reports an error.
     */
    public String command(String command, String params) {
        String json = "{\"command\":\"" + escape(command) + "\",\"params\":\"" + escape(params) + "\",\"token\":\"stoxgw\"}";
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, ctrlPort), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write((b.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.write(',');
            out.flush();
            InputStream in = s.getInputStream();
            while (true) {
                String msg = netstring(in);
                if (msg == null) {
                    throw new IllegalStateException("baresip closed the control connection; log:\n" + process.tail(30));
                }
                if (msg.contains("\"response\"")) {
                    Matcher m = OK.matcher(msg);
                    if (!m.find() || !m.group(1).equals("true")) {
                        throw new IllegalStateException("baresip refused " + command + ": " + msg);
                    }
                    return msg;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("baresip control: " + e.getMessage(), e);
        }
    }

    private static String netstring(InputStream in) throws IOException {
        StringBuilder len = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != ':') {
            len.append((char) c);
        }
        if (c < 0) {
            return null;
        }
        byte[] body = in.readNBytes(Integer.parseInt(len.toString().trim()));
        in.read(); // the trailing ','
        return new String(body, StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Waits until baresip's output has a line matching {@code regex}. */
    public String awaitOutput(String regex, Duration timeout) {
        return process.awaitLog(regex, timeout);
    }

    /** Everything baresip printed so far. */
    public List<String> output() {
        return process.lines();
    }

    @Override
    public void close() {
        process.close();
    }
}

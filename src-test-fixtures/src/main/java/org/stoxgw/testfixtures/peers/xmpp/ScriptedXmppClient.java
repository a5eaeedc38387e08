package org.stoxgw.testfixtures.peers.xmpp;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.stoxgw.testfixtures.peers.ManagedProcess;
import org.stoxgw.testfixtures.peers.Peers;

/**
 * A real XMPP client (slixmpp, {@code src-test-fixtures/peers/xmpp/xmpp_scripted.py}) logged in to a
 * server's c2s port, driven by JSON lines: {@link #message} sends exactly the stanza described
 * (every character escaped, CR as {@code &#13;}), {@link #awaitMessage} returns what arrived, with
 * the text of the body as it was on the wire ({@link Received#wireBody()}: before XML end-of-line
 * handling, which turns CR LF into LF in every XML parser). Optionally answers every receipt
 * request ({@code --auto-receipt}).
 *
 * <p>One instance per user; {@link #close()} logs out and stops the process. Skips the test when
 * slixmpp is not installed (fails under {@code STOXGW_REQUIRE_PEERS=1}).
 */
public final class ScriptedXmppClient implements AutoCloseable {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Gson GSON = new Gson();

    private final ManagedProcess process;
    private final String jid;
    private int consumed;
    private int presenceConsumed;

    private ScriptedXmppClient(ManagedProcess process, String jid) {
        this.process = process;
        this.jid = jid;
    }

    /**
     * Logs {@code jid} in at {@code serverIp}:5222 and returns once it is online.
     *
     * @param autoReceipt answer every XEP-0184 receipt request with {@code <received/>}
     */
    public static ScriptedXmppClient login(Path dir, String jid, String password, String serverIp, boolean autoReceipt) {
        return login(dir, jid, password, serverIp, autoReceipt, false);
    }

    /**
     * As {@link #login(Path, String, String, String, boolean)}; with {@code manualSubscriptions} the
     * client neither approves subscription requests nor subscribes back by itself (the test does,
     * with {@link #presence}).
     */
    public static ScriptedXmppClient login(Path dir, String jid, String password, String serverIp, boolean autoReceipt,
                                           boolean manualSubscriptions) {
        Peers.require(PYTHON, "python3");
        if (!Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/slixmpp"))) {
            Peers.require("/usr/lib/python3/dist-packages/slixmpp/__init__.py", "python3-slixmpp");
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON, Peers.files().resolve("xmpp/xmpp_scripted.py").toString(), jid,
                password, serverIp));
        if (autoReceipt) {
            cmd.add("--auto-receipt");
        }
        if (manualSubscriptions) {
            cmd.add("--manual-subscriptions");
        }
        String name = jid.replaceAll("[^A-Za-z0-9.-]", "_");
        ManagedProcess p = ManagedProcess.start("xmpp-client " + jid, cmd, dir.toAbsolutePath(),
                dir.toAbsolutePath().resolve(name + "-" + System.nanoTime() + ".jsonl"), Map.of("PYTHONUNBUFFERED", "1"));
        ScriptedXmppClient c = new ScriptedXmppClient(p, jid);
        try {
            p.awaitLog("\"event\": \"ready\"", Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        return c;
    }

    public String jid() {
        return jid;
    }

    /** A message to {@code to}, sent by {@link Outgoing#send()}. */
    public Outgoing message(String to) {
        return new Outgoing(to);
    }

    /** What a message to send looks like. */
    public final class Outgoing {
        private final Map<String, Object> cmd = new LinkedHashMap<>();
        private final Map<String, String> bodies = new LinkedHashMap<>();

        private Outgoing(String to) {
            cmd.put("cmd", "send");
            cmd.put("to", to);
        }

        public Outgoing id(String id) {
            cmd.put("id", id);
            return this;
        }

        /** The {@code type} attribute (chat, normal, ...); none by default. */
        public Outgoing type(String type) {
            cmd.put("type", type);
            return this;
        }

        /** The stanza's {@code xml:lang}. */
        public Outgoing lang(String lang) {
            cmd.put("lang", lang);
            return this;
        }

        public Outgoing body(String text) {
            cmd.put("body", text);
            return this;
        }

        /** One more {@code <body xml:lang='lang'>}. */
        public Outgoing body(String lang, String text) {
            bodies.put(lang, text);
            return this;
        }

        public Outgoing subject(String subject) {
            cmd.put("subject", subject);
            return this;
        }

        public Outgoing thread(String thread) {
            cmd.put("thread", thread);
            return this;
        }

        /** Asks for a XEP-0184 receipt. */
        public Outgoing requestReceipt() {
            cmd.put("receipt", true);
            return this;
        }

        /** A XEP-0085 chat state element (composing, paused, active, inactive, gone). */
        public Outgoing chatState(String state) {
            cmd.put("chat_state", state);
            return this;
        }

        /** A XEP-0184 {@code <received id='…'/>}. */
        public Outgoing receivedFor(String id) {
            cmd.put("received", id);
            return this;
        }

        public void send() {
            if (!bodies.isEmpty()) {
                cmd.put("bodies", bodies);
            }
            write(GSON.toJson(cmd));
        }
    }

    /**
     * Sends a presence stanza: {@code to} null broadcasts (the server sends it to the contacts);
     * {@code type} null is available; {@code show}, {@code status} null for none.
     */
    public void presence(String to, String type, String show, String status) {
        Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("cmd", "presence");
        cmd.put("to", to);
        cmd.put("type", type);
        cmd.put("show", show);
        cmd.put("status", status);
        write(GSON.toJson(cmd));
    }

    /** The next presence (not returned before) that matches {@code filter}, waiting up to {@code timeout}. */
    public ReceivedPresence awaitPresence(Predicate<ReceivedPresence> filter, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<JsonObject> all = events("presence");
            for (int i = presenceConsumed; i < all.size(); i++) {
                ReceivedPresence p = new ReceivedPresence(all.get(i));
                if (filter.test(p)) {
                    presenceConsumed = i + 1;
                    return p;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(jid + ": no matching presence within " + timeout + "; received:\n"
                        + String.join("\n", all.stream().map(o -> str(o, "xml")).toList()));
            }
            if (!process.isAlive()) {
                throw new AssertionError(jid + ": the client exited; log:\n" + process.tail(20));
            }
            sleep(50);
        }
    }

    /** Every presence stanza received so far. */
    public List<ReceivedPresence> presences() {
        return events("presence").stream().map(ReceivedPresence::new).toList();
    }

    /** A presence stanza as the client received it ({@code type} "available" when it had none). */
    public static final class ReceivedPresence {
        private final JsonObject o;

        ReceivedPresence(JsonObject o) {
            this.o = o;
        }

        public String from() {
            return str(o, "from");
        }

        public String type() {
            return str(o, "type");
        }

        public String show() {
            return str(o, "show");
        }

        public String status() {
            return str(o, "status");
        }

        public String errorCondition() {
            JsonElement e = o.get("error");
            return e == null || e.isJsonNull() ? null : str(e.getAsJsonObject(), "condition");
        }

        /** Whether it is {@code type} from {@code from} (a full JID also matches its bare JID). */
        public boolean is(String type, String from) {
            String f = from();
            return type.equals(type()) && f != null && (f.equals(from) || f.startsWith(from + "/"));
        }

        @Override
        public String toString() {
            return str(o, "xml");
        }
    }

    /**
     * Pings {@code to} (XEP-0199) and waits for the answer; true if it answered with a result. Also
     * useful to bring up the server-to-server streams to a domain in both directions before a test.
     */
    public boolean ping(String to, Duration timeout) {
        int before = events("pong").size();
        write(GSON.toJson(Map.of("cmd", "ping", "to", to)));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonObject> pongs = events("pong");
            if (pongs.size() > before) {
                JsonObject p = pongs.get(before);
                return p.get("ok").getAsBoolean();
            }
            sleep(50);
        }
        throw new AssertionError(jid + ": no answer to the ping of " + to + " within " + timeout);
    }

    private List<JsonObject> events(String kind) {
        List<JsonObject> out = new ArrayList<>();
        for (String line : process.lines()) {
            if (line.startsWith("{") && line.contains("\"" + kind + "\"")) {
                try {
                    JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                    if (kind.equals(str(o, "event"))) {
                        out.add(o);
                    }
                } catch (RuntimeException e) {
                    // not a complete line yet
                }
            }
        }
        return out;
    }

    private void write(String json) {
        try {
            OutputStream out = process.process().getOutputStream();
            out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("xmpp client " + jid + " is gone; log:\n" + process.tail(20), e);
        }
    }

    /** The next message (not returned before) that matches {@code filter}, waiting up to {@code timeout}. */
    public Received awaitMessage(Predicate<Received> filter, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Received> all = messages();
            for (int i = consumed; i < all.size(); i++) {
                if (filter.test(all.get(i))) {
                    consumed = i + 1;
                    return all.get(i);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(jid + ": no matching message within " + timeout + "; received:\n"
                        + String.join("\n", all.stream().map(Received::toString).toList()));
            }
            if (!process.isAlive()) {
                throw new AssertionError(jid + ": the client exited; log:\n" + process.tail(20));
            }
            sleep(50);
        }
    }

    /** The next message not returned before, waiting up to {@code timeout}. */
    public Received awaitMessage(Duration timeout) {
        return awaitMessage(m -> true, timeout);
    }

    /** Every message received so far, in order. */
    public List<Received> messages() {
        List<Received> out = new ArrayList<>();
        for (String line : process.lines()) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonObject o;
            try {
                o = JsonParser.parseString(line).getAsJsonObject();
            } catch (RuntimeException e) {
                continue;
            }
            if ("message".equals(str(o, "event"))) {
                out.add(new Received(o));
            }
        }
        return out;
    }

    /** A message as the client received it. */
    public static final class Received {
        private final JsonObject o;

        Received(JsonObject o) {
            this.o = o;
        }

        public String from() {
            return str(o, "from");
        }

        public String to() {
            return str(o, "to");
        }

        public String id() {
            return str(o, "id");
        }

        /** The {@code type} attribute, null when absent. */
        public String type() {
            return str(o, "type");
        }

        public String lang() {
            return str(o, "lang");
        }

        /** The first body as the XML parser gives it (CR LF already turned into LF). */
        public String body() {
            return str(o, "body");
        }

        /** The first body as the server wrote it on the wire (entities decoded, line ends untouched). */
        public String wireBody() {
            return str(o, "wire_body");
        }

        /** Bodies by {@code xml:lang} ("" for none). */
        public Map<String, String> bodies() {
            Map<String, String> m = new LinkedHashMap<>();
            JsonObject b = o.getAsJsonObject("bodies");
            if (b != null) {
                b.entrySet().forEach(e -> m.put(e.getKey(), e.getValue().isJsonNull() ? null : e.getValue().getAsString()));
            }
            return m;
        }

        public String subject() {
            return str(o, "subject");
        }

        public String thread() {
            return str(o, "thread");
        }

        /** The XEP-0085 chat state element's name, or null. */
        public String chatState() {
            return str(o, "chat_state");
        }

        public boolean receiptRequested() {
            return o.has("receipt_request") && o.get("receipt_request").getAsBoolean();
        }

        /** The id of a XEP-0184 {@code <received/>}, or null. */
        public String receivedId() {
            return str(o, "received_id");
        }

        public boolean isError() {
            return "error".equals(type());
        }

        /** The stanza error condition (e.g. item-not-found), or null. */
        public String errorCondition() {
            return o.has("error") ? str(o.getAsJsonObject("error"), "condition") : null;
        }

        /** The stanza error type (cancel, modify, ...), or null. */
        public String errorType() {
            return o.has("error") ? str(o.getAsJsonObject("error"), "type") : null;
        }

        public String errorText() {
            return o.has("error") ? str(o.getAsJsonObject("error"), "text") : null;
        }

        /** The stanza as slixmpp printed it. */
        public String xml() {
            return str(o, "xml");
        }

        @Override
        public String toString() {
            return xml();
        }
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                write("{\"cmd\":\"quit\"}");
                process.waitFor(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                // fall through to the kill
            }
        }
        process.close();
    }
}

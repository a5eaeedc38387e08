package org.stoxgw.core.chats;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.stoxgw.config.ConfigReader;

/**
 * {@code gateway.chat}: one-to-one chat sessions (RFC 7573), read once at start-up.
 *
 * @param mode            the mode for SIP domains not listed in {@code domains}
 * @param domains         mode per SIP domain (lower case)
 * @param maxSessions     chat sessions at once
 * @param maxQueued       XMPP messages waiting while a session is set up (then: resource-constraint)
 * @param setupTimeout    longest wait for the INVITE's answer and the MSRP bind (then like a timeout)
 * @param inactivity      a session with no message either way for this long ends (BYE, gone; CHAT-10/20)
 * @param refusalMemory   how long a domain that refused MSRP (415/488/606) gets MESSAGEs without trying again
 * @param subject         Subject of the gateway's INVITEs ("" = none)
 * @param composingRefresh refresh of isComposing "active"
 */
public record ChatSettings(ChatMode mode, Map<String, ChatMode> domains, int maxSessions, int maxQueued,
                           Duration setupTimeout, Duration inactivity, Duration refusalMemory, String subject,
                           Duration composingRefresh) {

    /** The defaults of reference.conf, for tests (page mode unless configured). */
    public static final ChatSettings DEFAULTS = new ChatSettings(ChatMode.MESSAGE, Map.of(), 10_000, 32,
            Duration.ofSeconds(32), Duration.ofMinutes(10), Duration.ofMinutes(10), "", Duration.ofSeconds(60));

    public ChatSettings {
        Map<String, ChatMode> m = new TreeMap<>();
        domains.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        domains = Map.copyOf(m);
    }

    public static ChatSettings read(ConfigReader gateway) {
        ConfigReader r = gateway.section("chat");
        Map<String, ChatMode> domains = new TreeMap<>();
        r.stringMap("domains").forEach((d, v) -> {
            try {
                domains.put(d, ChatMode.valueOf(v.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                r.problem("domains", "mode for " + d + " must be message, session or session-then-message, not " + v);
            }
        });
        return new ChatSettings(r.enumValue("mode", ChatMode.class), domains, r.integer("max-sessions", 0, 10_000_000),
                r.integer("max-queued", 1, 10_000), r.duration("setup-timeout", Duration.ofSeconds(1), Duration.ofMinutes(5)),
                r.duration("inactivity", Duration.ofSeconds(1), Duration.ofDays(1)),
                r.duration("refusal-memory", Duration.ZERO, Duration.ofDays(7)), r.string("subject", ""),
                r.duration("composing-refresh", Duration.ofSeconds(1), Duration.ofHours(1)));
    }

    /** The mode for messages to {@code sipDomain}. */
    public ChatMode modeFor(String sipDomain) {
        return domains.getOrDefault(sipDomain.toLowerCase(Locale.ROOT), mode);
    }

    /** Whether any domain may use sessions (else the MSRP endpoint need not run). */
    public boolean sessionsUsed() {
        return mode != ChatMode.MESSAGE || domains.values().stream().anyMatch(m -> m != ChatMode.MESSAGE);
    }

    public ChatSettings withMode(ChatMode m) {
        return new ChatSettings(m, domains, maxSessions, maxQueued, setupTimeout, inactivity, refusalMemory, subject,
                composingRefresh);
    }

    public ChatSettings withTimers(Duration setup, Duration idle) {
        return new ChatSettings(mode, domains, maxSessions, maxQueued, setup, idle, refusalMemory, subject, composingRefresh);
    }
}

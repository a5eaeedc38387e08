package org.stoxgw.core.messages;

import java.time.Duration;
import org.stoxgw.config.ConfigReader;
import org.stoxgw.mapping.message.ContentPolicy;
import org.stoxgw.mapping.message.PayloadLimits;

/**
 * {@code gateway.messages}: single messages (RFC 7572), read once at start-up.
 *
 * @param bounceWindow         S2X: how long after the stanza left an XMPP error still becomes the SIP
 *                             answer before 202 is sent (AMB-M01/M02); zero = answer once the stanza left
 * @param answerTimeout        S2X: longest wait for the XMPP side to take the stanza before 408
 * @param maxBodySize          largest body either way (bytes)
 * @param maxRequestSize       X2S: largest SIP MESSAGE (whole request) over TCP/TLS
 * @param maxXmlDepth          deepest nesting in XML/HTML payloads
 * @param maxCpimHeaders       most CPIM header lines
 * @param html                 text/html → XHTML-IM
 * @param cpim                 message/cpim unwrapped
 * @param receipts             XEP-0184 receipts ↔ IMDN delivery notifications (needs cpim)
 * @param chatStates           XEP-0085 chat states ↔ isComposing
 * @param composingRefresh     refresh sent with isComposing "active"
 * @param rememberedSpellings  SIP user-part spellings kept for the way back (AMB-10)
 */
public record MessageSettings(Duration bounceWindow, Duration answerTimeout, int maxBodySize, int maxRequestSize,
                              int maxXmlDepth, int maxCpimHeaders, boolean html, boolean cpim, boolean receipts,
                              boolean chatStates, Duration composingRefresh, int rememberedSpellings) {

    /** The defaults of reference.conf, for tests. */
    public static final MessageSettings DEFAULTS = new MessageSettings(Duration.ofSeconds(1), Duration.ofSeconds(10),
            128 * 1024, 160 * 1024, 32, 64, true, true, true, true, Duration.ofSeconds(60), 10_000);

    public static MessageSettings read(ConfigReader gateway) {
        ConfigReader r = gateway.section("messages");
        return new MessageSettings(
                r.duration("bounce-window", Duration.ZERO, Duration.ofSeconds(20)),
                r.duration("answer-timeout", Duration.ofMillis(100), Duration.ofSeconds(30)),
                (int) r.bytes("max-body-size", 1024, 16L * 1024 * 1024),
                (int) r.bytes("max-request-size", 1300, 16L * 1024 * 1024),
                r.integer("max-xml-depth", 4, 1000),
                r.integer("max-cpim-headers", 8, 1000),
                r.bool("html"), r.bool("cpim"), r.bool("receipts"), r.bool("chat-states"),
                r.duration("composing-refresh", Duration.ofSeconds(1), Duration.ofHours(1)),
                r.integer("remembered-spellings", 0, 10_000_000));
    }

    /** Which payloads are translated; receipts travel inside CPIM (RFC 5438 §7.1.1), so they need it on. */
    public ContentPolicy contentPolicy() {
        return new ContentPolicy(html, cpim, chatStates, receipts && cpim);
    }

    public PayloadLimits payloadLimits() {
        return new PayloadLimits(maxBodySize, maxXmlDepth, maxCpimHeaders);
    }
}

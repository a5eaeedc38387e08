package org.stoxgw.sipadapter;

import java.time.Duration;
import org.stoxgw.config.ConfigReader;

/**
 * {@code gateway.sip.timeouts}.
 *
 * @param t1      RFC 3261 T1; non-INVITE transactions fail after 64*T1 (Timer F)
 * @param connect TCP/TLS connect timeout
 * @param answer  how long the adapter waits for the core's final response before answering 500
 */
public record SipTimeouts(Duration t1, Duration connect, Duration answer) {

    static SipTimeouts read(ConfigReader sip) {
        ConfigReader r = sip.section("timeouts");
        return new SipTimeouts(r.duration("t1", Duration.ofMillis(50), Duration.ofSeconds(10)),
                r.duration("connect", Duration.ofMillis(100), Duration.ofSeconds(60)),
                r.duration("answer", Duration.ofMillis(100), Duration.ofMinutes(5)));
    }
}

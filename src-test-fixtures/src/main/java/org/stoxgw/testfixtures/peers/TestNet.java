package org.stoxgw.testfixtures.peers;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback addresses for the peers of one test JVM. Every address of 127.0.0.0/8 is local on
 * Linux, so each JVM picks its own /24 ({@code 127.<n>.<m>.0}, random unless
 * {@code STOXGW_TEST_NET=127.a.b} is set) and peers bind their standard ports there without
 * clashing with another build on the same machine.
 */
public final class TestNet {
    private static final String PREFIX = choose();

    private TestNet() {
    }

    private static String choose() {
        String env = System.getenv("STOXGW_TEST_NET");
        if (env != null && env.matches("127\\.\\d{1,3}\\.\\d{1,3}")) {
            return env;
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "127." + (10 + r.nextInt(200)) + "." + (1 + r.nextInt(250));
    }

    /** {@code 127.a.b.host}; hosts 1..254. */
    public static String address(int host) {
        if (host < 1 || host > 254) {
            throw new IllegalArgumentException("host " + host);
        }
        return PREFIX + "." + host;
    }

    /** The /24 prefix, e.g. {@code 127.42.7}. */
    public static String prefix() {
        return PREFIX;
    }
}

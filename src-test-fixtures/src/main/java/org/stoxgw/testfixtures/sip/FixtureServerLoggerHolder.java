package org.stoxgw.testfixtures.sip;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the test agent reports its own trouble. */
final class FixtureServerLoggerHolder {
    private static final Logger log = LoggerFactory.getLogger(SipTestAgent.class);

    private FixtureServerLoggerHolder() {
    }

    static void log(String message) {
        log.warn(message);
    }
}

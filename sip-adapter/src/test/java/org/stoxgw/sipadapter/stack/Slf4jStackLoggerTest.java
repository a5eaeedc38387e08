package org.stoxgw.sipadapter.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import gov.nist.core.LogLevels;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Issue 13, defect 8: what JAIN-SIP reports itself reaches the operator's log at the default level, throttled. */
class Slf4jStackLoggerTest {
    @Test
    @DisplayName("JAIN-SIP's errors and warnings: enabled at INFO, one WARN line per kind, the rest counted")
    void errorsAreVisibleAndThrottled() {
        Logger jain = (Logger) LoggerFactory.getLogger("gov.nist.javax.sip");
        Level before = jain.getLevel();
        jain.setLevel(Level.INFO);
        ListAppender<ILoggingEvent> list = new ListAppender<>();
        list.start();
        jain.addAppender(list);
        try {
            Slf4jStackLogger s = new Slf4jStackLogger();
            assertTrue(s.isLoggingEnabled(LogLevels.TRACE_ERROR) && s.isLoggingEnabled(LogLevels.TRACE_WARN),
                    "JAIN-SIP skips its error reports unless they are enabled");
            s.logError("Dropping message: bad request from 192.0.2.1:5060\nwith its whole text");
            s.logError("Dropping message: bad request from 192.0.2.2:5060");
            s.logWarning("Could not find a transaction for 192.0.2.3");
            List<String> warns = list.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                    .toList();
            assertEquals(List.of("JAIN-SIP: Dropping message: bad request from 192.0.2.1:5060",
                    "JAIN-SIP: Could not find a transaction for 192.0.2.3"), warns);
            assertEquals(Slf4jStackLogger.kind("Dropping message: bad request from 192.0.2.9:5060"),
                    Slf4jStackLogger.kind("Dropping message: bad request from 10.0.0.1:5070"));
        } finally {
            jain.detachAppender(list);
            jain.setLevel(before);
        }
    }
}

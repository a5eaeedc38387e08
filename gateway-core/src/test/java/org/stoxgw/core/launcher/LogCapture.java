package org.stoxgw.core.launcher;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What the gateway logged (every logger, at the levels logback.xml lets through) while a test ran, as "LEVEL message". */
final class LogCapture {
    private LogCapture() {
    }

    static List<String> during(Runnable r) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> list = new ListAppender<>();
        list.start();
        root.addAppender(list);
        try {
            r.run();
        } finally {
            root.detachAppender(list);
        }
        return list.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }
}

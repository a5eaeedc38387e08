package org.stoxgw.sipadapter.stack;

import gov.nist.core.StackLogger;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's debug log on SLF4J (logger {@code gov.nist.javax.sip}), so no log4j 1.x is needed.
 *
 * <p>JAIN-SIP keeps ONE stack logger per JVM ({@code CommonLogger.legacyLogger} is static; the
 * last stack created wins), so this class holds no per-stack state. Level mapping: JAIN-SIP's
 * FATAL becomes ERROR; its ERROR and WARN become WARN, at most one line per message kind every
 * 10 s with a count of the rest (it reports every single bad or dropped message there, so a flood
 * must not fill the log, but a request JAIN-SIP drops must leave a trace at the default level,
 * issue 13), each one in full at DEBUG; INFO becomes DEBUG; DEBUG and TRACE become TRACE. The stack
 * calls its server (wire) logger only when INFO is enabled here, so INFO also reports enabled while
 * any adapter has wire logging on ({@link #wireLoggingOn()}).
 *
 * <p>Thread-safe; called on every JAIN-SIP thread.
 */
public final class Slf4jStackLogger implements StackLogger {
    private static final Logger log = LoggerFactory.getLogger("gov.nist.javax.sip");
    private static final AtomicInteger WIRE_STACKS = new AtomicInteger();
    private static final org.stoxgw.sipadapter.inbound.ThrottledLog THROTTLED =
            new org.stoxgw.sipadapter.inbound.ThrottledLog(log, java.util.concurrent.TimeUnit.SECONDS.toNanos(10));

    /** A stack with wire logging started: JAIN-SIP must call its server logger. */
    static void wireLoggingOn() {
        WIRE_STACKS.incrementAndGet();
    }

    /** A stack with wire logging stopped. */
    static void wireLoggingOff() {
        WIRE_STACKS.decrementAndGet();
    }

    @Override
    public boolean isLoggingEnabled() {
        return log.isDebugEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        if (level <= TRACE_FATAL) {
            return log.isErrorEnabled();
        }
        if (level <= TRACE_WARN) {
            return log.isWarnEnabled(); // TRACE_ERROR == TRACE_EXCEPTION: errors and exceptions
        }
        if (level <= TRACE_INFO) {
            // TRACE_MESSAGES == TRACE_INFO gates the server (wire) logger
            return WIRE_STACKS.get() > 0 || log.isDebugEnabled();
        }
        return log.isTraceEnabled();
    }

    @Override
    public void logStackTrace() {
        logStackTrace(TRACE_DEBUG);
    }

    @Override
    public void logStackTrace(int traceLevel) {
        if (log.isTraceEnabled()) {
            log.trace("stack trace", new Throwable("stack trace"));
        }
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        THROTTLED.warn("exception " + ex.getClass().getName(), "JAIN-SIP: " + ex);
        log.debug("JAIN-SIP: {}", ex.toString(), ex);
    }

    /** One WARN line per kind (the message up to its first digit, colon or line end) every 10 s. */
    private static void warn(String message, Exception ex) {
        THROTTLED.warn(kind(message), "JAIN-SIP: " + firstLine(message) + (ex == null ? "" : " (" + ex + ")"));
        if (ex != null) {
            log.debug(message, ex);
        }
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "(no message)";
        }
        int nl = m.indexOf('\n');
        String line = nl < 0 ? m : m.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    static String kind(String m) {
        String line = firstLine(m);
        int end = line.length();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isDigit(c) || c == ':' || c == '[' || c == '<') {
                end = i;
                break;
            }
        }
        return line.substring(0, Math.min(end, 80));
    }

    @Override
    public void logDebug(String message) {
        log.trace(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        log.trace(message, ex);
    }

    @Override
    public void logTrace(String message) {
        log.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        log.error(message);
    }

    @Override
    public void logError(String message) {
        warn(message, null);
    }

    @Override
    public void logError(String message, Exception ex) {
        warn(message, ex);
    }

    @Override
    public void logWarning(String message) {
        warn(message, null);
    }

    @Override
    public void logInfo(String message) {
        log.debug(message);
    }

    @Override
    public void disableLogging() {
        // levels are SLF4J's business
    }

    @Override
    public void enableLogging() {
        // levels are SLF4J's business
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        log.debug("JAIN-SIP build {}", buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // nothing to configure
    }

    @Override
    public String getLoggerName() {
        return log.getName();
    }
}

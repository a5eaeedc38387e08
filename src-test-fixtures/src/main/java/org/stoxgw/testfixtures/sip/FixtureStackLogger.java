package org.stoxgw.testfixtures.sip;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's stack logger for the test user agent, on SLF4J (logger {@code sip.fixture.stack}).
 *
 * <p>JAIN-SIP keeps one stack logger per JVM (the last stack created wins), and calls every
 * stack's server (wire) logger only when that logger says INFO is on. So that the gateway's wire
 * log keeps working while a test agent's stack is the last one created, INFO reports enabled
 * whenever {@code stoxgw.wire.sip} logs at INFO.
 */
public final class FixtureStackLogger implements StackLogger {
    private static final Logger log = LoggerFactory.getLogger("sip.fixture.stack");
    private static final Logger wire = LoggerFactory.getLogger("stoxgw.wire.sip");

    @Override
    public boolean isLoggingEnabled() {
        return log.isDebugEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        if (level <= TRACE_FATAL) {
            return log.isErrorEnabled();
        }
        if (level <= TRACE_INFO) {
            return wire.isInfoEnabled() || log.isDebugEnabled();
        }
        return log.isTraceEnabled();
    }

    @Override
    public void logStackTrace() {
    }

    @Override
    public void logStackTrace(int traceLevel) {
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        log.debug("JAIN-SIP", ex);
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
        log.debug(message);
    }

    @Override
    public void logError(String message, Exception ex) {
        log.debug(message, ex);
    }

    @Override
    public void logWarning(String message) {
        log.debug(message);
    }

    @Override
    public void logInfo(String message) {
        log.debug(message);
    }

    @Override
    public void disableLogging() {
    }

    @Override
    public void enableLogging() {
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public String getLoggerName() {
        return log.getName();
    }
}

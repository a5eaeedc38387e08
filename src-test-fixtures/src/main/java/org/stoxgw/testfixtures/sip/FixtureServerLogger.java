package org.stoxgw.testfixtures.sip;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The test agent's wire log: every message at DEBUG on {@code sip.fixture.wire}. */
public final class FixtureServerLogger implements ServerLogger {
    private static final Logger log = LoggerFactory.getLogger("sip.fixture.wire");
    private volatile String name = "ua";

    @Override
    public void setSipStack(SipStack sipStack) {
        name = sipStack.getStackName();
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        log(message, from, to, sender);
    }

    private void log(SIPMessage message, String from, String to, boolean sender) {
        if (log.isDebugEnabled()) {
            log.debug("{} {} {}\n{}", name, sender ? "sent to " + to : "received from " + from, message.getFirstLine(),
                    message.encode());
        }
    }

    @Override
    public void logException(Exception ex) {
        log.debug("exception", ex);
    }

    @Override
    public void closeLogFile() {
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }
}

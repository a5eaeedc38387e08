package org.stoxgw.core.launcher;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes java.util.logging (Smack, jxmpp) into SLF4J once per JVM. Logback's
 * LevelChangePropagator (logback.xml) keeps disabled JUL levels cheap. JAIN-SIP logs through the
 * SIP adapter's own SLF4J StackLogger; log4j 1.x calls land in log4j-over-slf4j.
 */
public final class LoggingSetup {
    private LoggingSetup() {
    }

    public static synchronized void bridgeJul() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}

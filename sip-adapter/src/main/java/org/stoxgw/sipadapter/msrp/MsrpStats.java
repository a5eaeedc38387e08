package org.stoxgw.sipadapter.msrp;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the MSRP endpoint, read by JMX. Thread-safe. */
public final class MsrpStats {
    public final LongAdder sessionsOpened = new LongAdder();
    public final LongAdder sessionsRefused = new LongAdder();
    public final LongAdder framesIn = new LongAdder();
    public final LongAdder framesOut = new LongAdder();
    public final LongAdder messagesIn = new LongAdder();
    public final LongAdder messagesOut = new LongAdder();
    public final LongAdder bytesIn = new LongAdder();
    public final LongAdder bytesOut = new LongAdder();
    public final LongAdder reportsIn = new LongAdder();
    public final LongAdder reportsOut = new LongAdder();
    public final LongAdder sendFailures = new LongAdder();
    public final LongAdder decodeFailures = new LongAdder();
    public final LongAdder connectionsOpened = new LongAdder();
    public final LongAdder connectionsReused = new LongAdder();
}

package org.stoxgw.core.jmx;

import java.util.Map;

/** {@code org.stoxgw:instance=<name>,type=Sessions}: the session table. */
public interface SessionsMXBean {
    int getTotal();

    /** Session kind (message, presence, chat, groupchat, call) to count. */
    Map<String, Integer> getByKind();

    /** Units of work (open transactions, queued stanzas) a graceful stop would wait for. */
    int getInFlight();
}

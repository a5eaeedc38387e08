package org.stoxgw.core.chats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the chat path for JMX ({@code org.stoxgw:type=ChatSessions}): sessions by state and
 * direction, messages and bytes each way, reports, failures by reason. Thread-safe.
 */
public final class ChatStats implements ChatsMXBean {
    final AtomicInteger settingUpX2s = new AtomicInteger();
    final AtomicInteger activeX2s = new AtomicInteger();
    final AtomicInteger activeS2x = new AtomicInteger();
    final LongAdder started = new LongAdder();
    final LongAdder messagesX2s = new LongAdder();
    final LongAdder messagesS2x = new LongAdder();
    final LongAdder bytesX2s = new LongAdder();
    final LongAdder bytesS2x = new LongAdder();
    final LongAdder reportsX2s = new LongAdder();
    final LongAdder reportsS2x = new LongAdder();
    final LongAdder fallbacks = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    void failure(String reason) {
        failures.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    @Override
    public int getSettingUpXmppToSip() {
        return settingUpX2s.get();
    }

    @Override
    public int getActiveXmppToSip() {
        return activeX2s.get();
    }

    @Override
    public int getActiveSipToXmpp() {
        return activeS2x.get();
    }

    @Override
    public long getSessionsStarted() {
        return started.sum();
    }

    @Override
    public long getMessagesXmppToSip() {
        return messagesX2s.sum();
    }

    @Override
    public long getMessagesSipToXmpp() {
        return messagesS2x.sum();
    }

    @Override
    public long getBytesXmppToSip() {
        return bytesX2s.sum();
    }

    @Override
    public long getBytesSipToXmpp() {
        return bytesS2x.sum();
    }

    @Override
    public long getReportsXmppToSip() {
        return reportsX2s.sum();
    }

    @Override
    public long getReportsSipToXmpp() {
        return reportsS2x.sum();
    }

    @Override
    public long getFallbacksToMessage() {
        return fallbacks.sum();
    }

    @Override
    public Map<String, Long> getFailures() {
        Map<String, Long> m = new TreeMap<>();
        failures.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}

package org.stoxgw.sipadapter.invite;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The SipInvite MBean as registered before the adapter starts: it reads the INVITE layer once the
 * layer exists, and shows zeros and empty maps before. Thread-safe.
 */
public final class LazyInviteBean implements InviteMXBean {
    private final Supplier<InviteMXBean> layer;

    public LazyInviteBean(Supplier<InviteMXBean> layer) {
        this.layer = layer;
    }

    @Override
    public Map<String, Integer> getDialogsByState() {
        InviteMXBean b = layer.get();
        return b == null ? Map.of() : b.getDialogsByState();
    }

    @Override
    public long getIncomingCalls() {
        InviteMXBean b = layer.get();
        return b == null ? 0 : b.getIncomingCalls();
    }

    @Override
    public long getOutgoingCalls() {
        InviteMXBean b = layer.get();
        return b == null ? 0 : b.getOutgoingCalls();
    }

    @Override
    public Map<String, Long> getEnded() {
        InviteMXBean b = layer.get();
        return b == null ? Map.of() : b.getEnded();
    }

    @Override
    public Map<String, Long> getFailuresByStatus() {
        InviteMXBean b = layer.get();
        return b == null ? Map.of() : b.getFailuresByStatus();
    }

    @Override
    public long getRefusedOverLimit() {
        InviteMXBean b = layer.get();
        return b == null ? 0 : b.getRefusedOverLimit();
    }
}

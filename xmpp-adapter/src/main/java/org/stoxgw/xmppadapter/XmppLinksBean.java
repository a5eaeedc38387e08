package org.stoxgw.xmppadapter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.stoxgw.xmppadapter.s2s.XmppRuntime;

/** The {@link XmppLinksMXBean} of one adapter; reads live state, before start it shows zeros. */
final class XmppLinksBean implements XmppLinksMXBean {
    private final XmppCounters c;
    private final Supplier<XmppRuntime> runtime;

    XmppLinksBean(XmppCounters counters, Supplier<XmppRuntime> runtime) {
        this.c = counters;
        this.runtime = runtime;
    }

    @Override
    public List<LinkInfo> getLinks() {
        XmppRuntime rt = runtime.get();
        List<LinkInfo> out = new ArrayList<>();
        if (rt != null) {
            out.addAll(rt.inbound().infos());
            out.addAll(rt.links().infos());
        }
        return out;
    }

    @Override
    public int getInboundStreams() {
        XmppRuntime rt = runtime.get();
        return rt == null ? 0 : rt.inbound().size();
    }

    @Override
    public int getOutboundLinks() {
        XmppRuntime rt = runtime.get();
        return rt == null ? 0 : rt.links().size();
    }

    @Override
    public int getQueued() {
        XmppRuntime rt = runtime.get();
        return rt == null ? 0 : rt.links().waiting();
    }

    @Override
    public int getPendingIqs() {
        XmppRuntime rt = runtime.get();
        return rt == null ? 0 : rt.pendingIqs();
    }

    @Override
    public long getIqTimeouts() {
        XmppRuntime rt = runtime.get();
        return rt == null ? 0 : rt.iqTimeouts();
    }

    @Override
    public long getStanzasIn() {
        return c.stanzasIn.sum();
    }

    @Override
    public long getStanzasOut() {
        return c.stanzasOut.sum();
    }

    @Override
    public long getDelivered() {
        return c.delivered.sum();
    }

    @Override
    public long getBounced() {
        return c.bounced.sum();
    }

    @Override
    public long getResent() {
        return c.resent.sum();
    }

    @Override
    public long getRejected() {
        return c.rejected.sum();
    }

    @Override
    public long getRateLimited() {
        return c.rateLimited.sum();
    }

    @Override
    public long getStreamErrorsSent() {
        return c.streamErrorsSent.sum();
    }

    @Override
    public long getStreamErrorsReceived() {
        return c.streamErrorsReceived.sum();
    }

    @Override
    public long getDialbackVerifyRequests() {
        return c.dialbackVerifyRequests.sum();
    }

    @Override
    public long getDialbackVerifyValid() {
        return c.dialbackVerifyValid.sum();
    }

    @Override
    public long getInboundAuthDialback() {
        return c.inboundAuthDialback.sum();
    }

    @Override
    public long getInboundAuthSaslExternal() {
        return c.inboundAuthSaslExternal.sum();
    }

    @Override
    public long getInboundAuthFailures() {
        return c.inboundAuthFailures.sum();
    }
}

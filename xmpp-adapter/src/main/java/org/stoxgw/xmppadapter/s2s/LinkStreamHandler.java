package org.stoxgw.xmppadapter.s2s;

import org.stoxgw.xmppadapter.XmppCounters;
import org.stoxgw.xmppadapter.stanza.DomainIqResponder;
import org.stoxgw.xmppadapter.stream.StreamErrorCondition;
import org.stoxgw.xmppadapter.stream.XmppStreamDecoder;
import org.stoxgw.xmppadapter.stream.XmppStreamHandler;

/**
 * What the two kinds of stream an {@link OutboundLink} writes on (an S2S stream, a component stream)
 * do alike once they are ready: write stanzas without flushing (the link flushes once per burst, P-11),
 * probe with an XMPP ping (XEP-0199) whose answer confirms everything written before it
 * close gracefully, count the stream errors sent and received. Subclasses negotiate the stream,
 * say whom the probe goes from and to, and what a stream error from the other side ends.
 *
 * <p>Threading: the channel's event loop, like every stream handler.
 */
abstract class LinkStreamHandler extends XmppStreamHandler implements LinkStream {
    private final XmppCounters counters;

    LinkStreamHandler(XmppRuntime rt, XmppStreamDecoder decoder) {
        super(decoder, rt.shared.wireLog(), rt.settings.timeouts().idle(), rt.closeWait());
        this.counters = rt.counters;
    }

    @Override
    protected final void onStreamErrorSent(StreamErrorCondition condition) {
        counters.streamErrorsSent.increment();
    }

    @Override
    protected final void onStreamErrorReceived(StreamErrorCondition condition, String text) {
        counters.streamErrorsReceived.increment();
        onRefused(condition, text);
    }

    /** The other side ended the stream with a stream error (already counted). */
    protected abstract void onRefused(StreamErrorCondition condition, String text);

    /** The probe's 'from' and 'to': a domain of ours and the remote server's (or our own, for a component). */
    protected abstract String probeFrom();

    protected abstract String probeTo();

    @Override
    public final void writeStanza(String xml) {
        markStanza();
        write(xml, null);
    }

    @Override
    public final void flush() {
        ctx.flush();
    }

    @Override
    public final void sendProbe(String id) {
        write("<iq type='get' id='" + id + "' from='" + probeFrom() + "' to='" + probeTo()
                + "'><ping xmlns='" + DomainIqResponder.PING + "'/></iq>", null);
        ctx.flush();
    }

    @Override
    public final void close() {
        closeGracefully();
    }
}

package org.stoxgw.xmppadapter.s2s;

import io.netty.channel.socket.SocketChannel;
import org.stoxgw.xmppadapter.stream.XmppStreamDecoder;

/** Builds the pipeline of an accepted S2S connection: [TLS for direct TLS], keepalive, decoder, stream. */
public final class InboundPipeline {
    private InboundPipeline() {
    }

    public static void build(XmppRuntime rt, SocketChannel ch, boolean directTls) {
        if (directTls) {
            ch.pipeline().addLast("tls", rt.tls.newServerHandler(ch.alloc(), false));
        }
        XmppStreamDecoder decoder = new XmppStreamDecoder(rt.streamLimits);
        S2sConnector.pipeline(rt, ch.pipeline(), decoder, new InboundS2sHandler(rt, decoder, directTls));
    }
}

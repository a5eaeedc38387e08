package org.stoxgw.sipadapter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.stoxgw.mapping.sip.NameAddress;
import org.stoxgw.mapping.sip.SipBody;
import org.stoxgw.mapping.sip.SipHeaders;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.mapping.sip.SipResponse;

/**
 * A stand-in for the gateway core as a presence notifier (RFC 6665 / RFC 3856), keeping dialog
 * state the way the core will: the local tag learned from {@link InboundSipRequest#localTag()},
 * the subscriber's tag, Contact and Call-ID. It answers SUBSCRIBE with 200 and then, once the 200
 * left, sends a NOTIFY inside the dialog (terminated when Expires is 0); other requests get 200.
 */
final class NotifierCore implements SipRequestHandler {
    private final Map<String, Dialog> dialogs = new ConcurrentHashMap<>();
    private volatile SipAdapter adapter;
    final RecordingHandler recorder = new RecordingHandler();

    record Dialog(NameAddress local, NameAddress remote, String callId, String remoteTarget, AtomicLong cseq) {
    }

    void adapter(SipAdapter a) {
        this.adapter = a;
    }

    @Override
    public void onRequest(InboundSipRequest in) {
        SipRequest r = in.request();
        if (!r.method().equals("SUBSCRIBE")) {
            recorder.onRequest(in);
            return;
        }
        recorder.answerWith(x -> null);
        recorder.onRequest(in);
        int expires = Integer.parseInt(r.headers().first("Expires").orElse("3600").trim());
        Dialog d = dialogs.computeIfAbsent(r.callId(), id -> new Dialog(r.to().withTag(in.localTag()), r.from(), id,
                NameAddress.parse(r.headers().first("Contact").orElseThrow()).uri(), new AtomicLong()));
        in.respond(new SipResponse(200, "OK", SipHeaders.of("Expires", Integer.toString(expires)), SipBody.EMPTY))
                .thenRun(() -> notify(d, expires));
    }

    private void notify(Dialog d, int expires) {
        String state = expires > 0 ? "active;expires=" + expires : "terminated;reason=timeout";
        String pidf = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\""
                + d.local().uri() + "\"><tuple id=\"gw\"><status><basic>open</basic></status></tuple></presence>";
        SipRequest notify = new SipRequest("NOTIFY", d.remoteTarget(), d.local(), d.remote(), d.callId(), d.cseq().incrementAndGet(),
                SipHeaders.of("Event", "presence", "Subscription-State", state),
                expires > 0 ? SipBody.text("application/pidf+xml", pidf) : SipBody.EMPTY);
        adapter.send(notify);
        if (expires == 0) {
            dialogs.remove(d.callId());
        }
    }
}

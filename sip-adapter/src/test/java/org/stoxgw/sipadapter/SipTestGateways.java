package org.stoxgw.sipadapter;

/** Gateways for tests outside this package (interop tests). */
public final class SipTestGateways {
    private SipTestGateways() {
    }

    /** A running gateway whose core is a {@link NotifierCore}. */
    public interface Running extends AutoCloseable {
        SipAdapter adapter();

        /** What the core received (non-SUBSCRIBE requests are answered 200). */
        RecordingHandler recorder();

        @Override
        void close();
    }

    /** Starts a gateway from {@code hocon} whose core answers every request 200 and keeps nothing. */
    public static Running answering(String hocon) {
        TestGateway gw = new TestGateway(hocon, in -> in.respond(org.stoxgw.mapping.sip.SipResponse.of(200, "OK"))).start();
        return running(gw, gw.handler);
    }

    /** Starts a gateway from {@code hocon} whose INVITE layer hands calls to {@code calls} (other requests get 200). */
    public static Running calls(String hocon, org.stoxgw.sipadapter.invite.InviteListener calls) {
        TestGateway gw = new TestGateway(hocon, in -> in.respond(org.stoxgw.mapping.sip.SipResponse.of(200, "OK")), calls).start();
        return running(gw, gw.handler);
    }

    /** Starts a gateway from {@code hocon} with a presence-notifier core. */
    public static Running notifier(String hocon) {
        NotifierCore core = new NotifierCore();
        TestGateway gw = new TestGateway(hocon, core).start();
        core.adapter(gw.adapter);
        return running(gw, core.recorder);
    }

    private static Running running(TestGateway gw, RecordingHandler recorder) {
        return new Running() {
            @Override
            public SipAdapter adapter() {
                return gw.adapter;
            }

            @Override
            public RecordingHandler recorder() {
                return recorder;
            }

            @Override
            public void close() {
                gw.close();
            }
        };
    }
}

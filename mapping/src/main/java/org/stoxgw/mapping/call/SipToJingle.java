package org.stoxgw.mapping.call;

/**
 * What a SIP request means on the Jingle side (reverse column of draft table 2, spec §2.2). Pure.
 */
public final class SipToJingle {
    private SipToJingle() {
    }

    /** The Jingle-side step for one SIP request. */
    public enum Step {
        /** session-initiate from the INVITE's offer (ring the user first: XEP-0353, AMB-V09). */
        SESSION_INITIATE,
        /** Delayed offer without an anchoring media engine: 488 (AMB-V11). */
        REJECT_DELAYED_OFFER,
        /** Delayed offer with anchoring: the media engine makes the offer (AMB-V11). */
        OFFER_FROM_ANCHOR,
        /** session-terminate {@code <cancel/>} (and 487 to the INVITE). */
        TERMINATE_CANCEL,
        /** session-terminate {@code <success/>} (and 200 to the BYE; draft F17). */
        TERMINATE_SUCCESS,
        /** A re-INVITE/UPDATE: classify its offer with {@link ReInvites#classify}. */
        CLASSIFY_REOFFER,
        /** transport-info from an RFC 8840 INFO (MEDIA-12 reverse). */
        TRANSPORT_INFO,
        /** 469 Bad Info Package: an INFO package other than trickle-ice (RFC 6086 §4.2.2; DTMF INFO, AMB-V13). */
        REJECT_INFO,
        /** 482 Loop Detected: the request belongs to a call the gateway itself made (MEDIA-25, V11). */
        LOOP
    }

    /**
     * The step for a SIP request. {@code method} upper case; {@code inDialog}: it has a To tag;
     * {@code hasOffer}: it carries SDP; {@code infoPackage}: the Info-Package header (null if none);
     * {@code own}: its Call-ID is one the gateway generated for a Jingle session ({@link CallCorrelation#isOwn}).
     */
    public static Step step(String method, boolean inDialog, boolean hasOffer, String infoPackage, boolean anchored,
                            boolean own) {
        return switch (method) {
            case "INVITE" -> {
                if (!inDialog) {
                    if (own) {
                        yield Step.LOOP;
                    }
                    if (!hasOffer) {
                        yield anchored ? Step.OFFER_FROM_ANCHOR : Step.REJECT_DELAYED_OFFER;
                    }
                    yield Step.SESSION_INITIATE;
                }
                yield Step.CLASSIFY_REOFFER;
            }
            case "UPDATE" -> Step.CLASSIFY_REOFFER;
            case "CANCEL" -> Step.TERMINATE_CANCEL;
            case "BYE" -> Step.TERMINATE_SUCCESS;
            case "INFO" -> "trickle-ice".equalsIgnoreCase(infoPackage == null ? "" : infoPackage.trim())
                    ? Step.TRANSPORT_INFO : Step.REJECT_INFO;
            default -> throw new IllegalArgumentException("no Jingle mapping for " + method);
        };
    }
}

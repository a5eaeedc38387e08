package org.stoxgw.sipadapter.msrp;

/**
 * How an outgoing message ended: {@code status} 200 when every chunk was accepted (or written,
 * with Failure-Report no), otherwise the MSRP status that stopped it (a peer's 4xx, 408 for no
 * response in time, 481 for a session that is gone, 413 for a message over the peer's max-size).
 */
public record SendOutcome(String messageId, int status, String comment) {
    public boolean ok() {
        return status == 200;
    }
}

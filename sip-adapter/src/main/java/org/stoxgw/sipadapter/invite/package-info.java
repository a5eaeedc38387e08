/**
 * The INVITE dialog layer: SIP calls (and MSRP chat sessions, which are negotiated the same way)
 * on JAIN-SIP's INVITE transactions and dialogs, offered upward in neutral types (no
 * {@code javax.sip} in the API: bodies are {@link org.stoxgw.mapping.sip.SipBody}, responses
 * {@link org.stoxgw.mapping.sip.SipResponse}, requests {@link org.stoxgw.mapping.sip.SipRequest}).
 *
 * <h2>Using it</h2>
 * <ul>
 *   <li><b>Incoming calls (UAS).</b> Give the {@link org.stoxgw.sipadapter.SipAdapter} an
 *       {@link org.stoxgw.sipadapter.invite.InviteListener}. Each INVITE for a gateway-served user
 *       that passed the adapter's checks (trust, rate, Require, Content-Type) becomes an
 *       {@link org.stoxgw.sipadapter.invite.IncomingCall}: call
 *       {@link org.stoxgw.sipadapter.invite.IncomingCall#listen listen}, then
 *       {@link org.stoxgw.sipadapter.invite.IncomingCall#provisional provisional} (180, 183 with an
 *       early answer), {@link org.stoxgw.sipadapter.invite.IncomingCall#accept accept} (200 with the
 *       answer, or with our offer when the INVITE had none) or
 *       {@link org.stoxgw.sipadapter.invite.IncomingCall#reject reject} (status and Reason).
 *       The ACK comes as {@link org.stoxgw.sipadapter.invite.CallListener#onConfirmed onConfirmed}
 *       (with the answer for a delayed offer); a CANCEL is answered 200, the INVITE 487, and the call
 *       ends ({@code REMOTE_CANCEL}).</li>
 *   <li><b>Outgoing calls (UAC).</b> {@code adapter.invites().call(request, loop, listener)} sends
 *       the INVITE (SDP offer, or none for a delayed offer) through the adapter's routing (Route,
 *       outbound proxy, static route, RFC 3263 with failover until a provisional response arrived,
 *       TCP for large requests). Provisional responses come as
 *       {@link org.stoxgw.sipadapter.invite.CallListener#onProvisional onProvisional} (with the
 *       early SDP), the 2xx as {@link org.stoxgw.sipadapter.invite.CallListener#onAnswered onAnswered}
 *       after the layer sent the ACK (delayed offer: the owner ACKs with the answer,
 *       {@link org.stoxgw.sipadapter.invite.OutgoingCall#ack}); a failure as
 *       {@link org.stoxgw.sipadapter.invite.CallListener#onEnded onEnded} with the status, phrase
 *       and Reason header.</li>
 *   <li><b>Inside the call.</b> {@link org.stoxgw.sipadapter.invite.Call#reinvite reinvite} and
 *       {@link org.stoxgw.sipadapter.invite.Call#update update} (RFC 3311) send a new offer; the
 *       stage completes with the final response (a 491 is retried after the random wait of RFC 3261
 *       section 14.1). The peer's new offers come as
 *       {@link org.stoxgw.sipadapter.invite.CallListener#onOffer onOffer}; while one offer is open,
 *       another gets 491 (ours pending) or 500 with Retry-After (theirs pending).
 *       {@link org.stoxgw.sipadapter.invite.Call#info info} and
 *       {@link org.stoxgw.sipadapter.invite.CallListener#onInfo onInfo} carry INFO (DTMF relay, RFC
 *       8840 trickle ICE) both ways. {@link org.stoxgw.sipadapter.invite.Call#remoteSdp remoteSdp}
 *       is the last SDP the peer sent (an early answer from a provisional when the 2xx has none).</li>
 *   <li><b>Handled by the layer, never surfaced.</b> Reliable provisional responses (RFC 3262: PRACK
 *       sent for each new RSeq; ours sent reliably when the caller supports 100rel and the 18x carries
 *       SDP, the next answer waiting for the PRACK); session timers (RFC 4028: Session-Expires and
 *       Min-SE negotiated, 422 below Min-SE, refreshes sent at half the interval as UPDATE without SDP
 *       or re-INVITE with the unchanged SDP, refreshes of the peer answered, BYE when a refresh is
 *       missing); re-INVITEs and UPDATEs that change nothing (no SDP, or the last {@code o=} line,
 *       RFC 3264 section 8); forking (every branch's provisional goes up with its To tag, the first
 *       2xx wins, later 2xx of other branches are ACKed and BYEd, MEDIA-34/35).</li>
 *   <li><b>Ending.</b> {@link org.stoxgw.sipadapter.invite.Call#hangup hangup} sends BYE once
 *       confirmed, CANCEL before the answer (after the first provisional, RFC 3261 section 9.1), 480
 *       to an unanswered incoming call. A BYE from the peer is answered 200. Every call ends with
 *       exactly one {@code onEnded} carrying a {@link org.stoxgw.sipadapter.invite.CallEnd}.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * A call is pinned to one Netty event loop, {@link org.stoxgw.sipadapter.invite.Call#loop()}: the
 * caller's for an outgoing call, one of the engine's group (the adapter's own loop when it has
 * none) for an incoming one. Every listener event comes on that loop, in order, never from inside a
 * method of the call; every method of a call must be called on it. JAIN-SIP's threads only look the
 * call up and hop onto its loop. Sending never blocks the loop: UDP leaves at once, TCP and TLS on
 * the adapter's send threads, in order per call.
 *
 * <h2>Limits and monitoring</h2>
 * {@code gateway.sip.invite.max-dialogs} bounds the calls open at once (beyond it: 503 in, a
 * {@code LOCAL_FAILURE} out). JMX {@code type=SipInvite} ({@link org.stoxgw.sipadapter.invite.InviteMXBean}):
 * dialogs by state, calls in and out, ends by cause, failures by status. JAIN-SIP runs the RFC 3261
 * timers (B, 2xx retransmission until ACK, 64*T1 without ACK ends the call with a BYE).
 *
 * <p>Not here: a 422 to our INVITE is not retried with a larger interval (the call fails with 422);
 * an offer in a reliable provisional response to a delayed-offer INVITE (its answer would go in the
 * PRACK) is not supported; UPDATE in a forked early dialog other than the first.
 */
package org.stoxgw.sipadapter.invite;

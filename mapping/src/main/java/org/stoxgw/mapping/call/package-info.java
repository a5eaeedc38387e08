/**
 * The pure tables and small state machines of calls (spec 06-media §2, draft §5 tables 1 and 2) for
 * the call path in the core: {@link org.stoxgw.mapping.call.CallTranslation} (each offer/answer step of both
 * directions, one model hop each), {@link org.stoxgw.mapping.call.JingleToSip} (Jingle action → SIP step),
 * {@link org.stoxgw.mapping.call.SipToJingle} (SIP request → Jingle step),
 * {@link org.stoxgw.mapping.call.CallReasons} (session-terminate reason ↔ final status),
 * {@link org.stoxgw.mapping.call.Forks} (forked responses → one ringing, one accept, early answers),
 * {@link org.stoxgw.mapping.call.Hold} (hold/unhold → sendonly/inactive offers),
 * {@link org.stoxgw.mapping.call.ReInvites} (SIP re-offer → content-modify/add/remove, ICE restart,
 * transport-replace, or nothing for a session refresh),
 * {@link org.stoxgw.mapping.call.IceCandidates} (gathering trickled candidates into a vanilla first offer,
 * restarts, generations), {@link org.stoxgw.mapping.call.TrickleFragments} (RFC 8840 INFO bodies),
 * {@link org.stoxgw.mapping.call.CallCorrelation} (sid ↔ Call-ID, loops, tie-breaks, CUSAX hint),
 * {@link org.stoxgw.mapping.call.Dtmf}, {@link org.stoxgw.mapping.call.RingAll} (XEP-0353 ringing of every resource, AMB-V09).
 *
 * <p>They decide; the call path acts and keeps the timers (ringing, ICE gathering). The state
 * machines ({@code Forks}, {@code IceCandidates}) are one per call and used on the call's loop;
 * everything else is pure and thread-safe.
 */
package org.stoxgw.mapping.call;

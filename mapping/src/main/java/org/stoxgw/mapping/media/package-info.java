/**
 * The neutral media model of calls (spec 06-media) and its SDP translator. The call path meets
 * here: SDP ({@link org.stoxgw.mapping.media.SdpParser}, {@link org.stoxgw.mapping.media.SdpWriter})
 * and Jingle ({@code org.stoxgw.mapping.jingle.JingleMedia}) are two separate translators to and
 * from {@link org.stoxgw.mapping.media.MediaSession}; SDP is never turned into Jingle directly
 * (issue 14).
 *
 * <h2>Model</h2>
 * {@link org.stoxgw.mapping.media.MediaSession} (o= origin, BUNDLE groups, trickle, ice-lite) holds
 * {@link org.stoxgw.mapping.media.MediaContent}s (one per {@code m=} / {@code <content/>}): codecs
 * ({@link org.stoxgw.mapping.media.Codec} with {@link org.stoxgw.mapping.media.Parameter}s and
 * {@link org.stoxgw.mapping.media.RtcpFeedback}), header extensions, sources and source groups, rtcp-mux,
 * bandwidths, SDES {@link org.stoxgw.mapping.media.Crypto}, absolute {@link org.stoxgw.mapping.media.Senders},
 * the default {@link org.stoxgw.mapping.media.Address} and a {@link org.stoxgw.mapping.media.Transport}
 * (ICE-UDP credentials and {@link org.stoxgw.mapping.media.Candidate}s, or Raw UDP; DTLS
 * {@link org.stoxgw.mapping.media.Fingerprint}s with setup). All values are immutable records.
 *
 * <h2>Perspective</h2>
 * Senders are absolute (Jingle's view). An SDP is always read and written for its author's
 * {@link org.stoxgw.mapping.media.Role} (initiator = whoever sent the first offer of the call), which turns
 * {@code a=sendonly} into {@code senders='initiator'} or {@code 'responder'} (spec §2.3, AMB-V14).
 *
 * <h2>Use</h2>
 * <pre>{@code
 * MediaSession offer = SdpParser.parse(sdpText, Role.INITIATOR).orElseThrow(); // or handle Refused
 * String answerSdp = SdpWriter.write(answer, Role.RESPONDER);
 * }</pre>
 * Pure: no I/O, threads or clocks; every function may be called from any thread.
 */
package org.stoxgw.mapping.media;

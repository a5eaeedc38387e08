/**
 * Jingle stanza elements for calls (XEP-0166, 0167, 0176, 0177, 0320, 0293, 0294, 0338, 0339) and
 * XEP-0353 Jingle Message Initiation, as Smack elements and providers, plus the Jingle ↔ model
 * translator {@link org.stoxgw.mapping.jingle.JingleMedia}.
 *
 * <p>Why here and not in the XMPP adapter (DECISIONS CALL-03): they are pure stanza model (Smack
 * {@code IQ}/{@code ExtensionElement}/provider classes, no connection), exactly what {@code mapping}
 * already uses for presence and messages, and the translator that must stay pure needs them. The XMPP
 * adapter may use this package as value types (ArchitectureTest) to register the providers
 * ({@link org.stoxgw.mapping.jingle.JingleProviders#register()}) and route {@code JingleIq}s.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * JingleProviders.register();                               // once, at start
 * JingleIq iq = (JingleIq) stanza;                          // parsed by the adapter
 * if (iq.action() == null) -> <bad-request/>                // JNG-05
 * JingleMedia.Result r = JingleMedia.toModel(iq.contents(), iq.groups(),
 *         JingleMedia.origin(iq.initiator(), sessId, version, gatewayHost));
 * String sdp = SdpWriter.write(r.session(), Role.INITIATOR); // INVITE body
 * // SDP answer: SdpParser.parse(body, Role.RESPONDER) -> OfferAnswer.align(offer, answer)
 * //             -> JingleMedia.toJingle(aligned, generation) -> session-accept contents
 * }</pre>
 * Elements are immutable; providers are stateless. Pure: no I/O, threads or clocks.
 */
package org.stoxgw.mapping.jingle;

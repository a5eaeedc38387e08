package org.stoxgw.sipadapter.invite;

/**
 * Takes the calls that arrive for gateway-served users. Implemented by gateway-core and given to
 * the {@link org.stoxgw.sipadapter.SipAdapter} before it starts; without one the adapter refuses
 * INVITE (405).
 *
 * <p>Thread contract: called on the new call's {@link Call#loop()} (a loop of the engine's group
 * chosen by the adapter for this call); must call {@link IncomingCall#listen} before returning and
 * must not block. A call neither answered nor rejected stays ringing until the caller cancels it.
 */
@FunctionalInterface
public interface InviteListener {
    void onIncoming(IncomingCall call);
}

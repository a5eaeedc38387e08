package org.stoxgw.sipadapter.invite;

import java.util.Map;

/**
 * The INVITE dialog layer in JMX ({@code type=SipInvite}): calls open by state, calls started and
 * how they ended. Counters run since start; maps leave out zero entries.
 */
public interface InviteMXBean {
    /** Calls open now, by {@link CallState} (CALLING, EARLY, CONFIRMED). */
    Map<String, Integer> getDialogsByState();

    /** Incoming INVITEs that became calls. */
    long getIncomingCalls();

    /** Outgoing INVITEs the gateway placed. */
    long getOutgoingCalls();

    /** Calls ended, by {@link CallEnd.Cause}. */
    Map<String, Long> getEnded();

    /** Calls that ended with a failure status (3xx-6xx sent or received, local failures), by status. */
    Map<String, Long> getFailuresByStatus();

    /** INVITEs refused because {@code gateway.sip.invite.max-dialogs} calls were open. */
    long getRefusedOverLimit();
}

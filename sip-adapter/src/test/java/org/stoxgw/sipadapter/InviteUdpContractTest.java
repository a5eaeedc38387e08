package org.stoxgw.sipadapter;

/** The INVITE contract over UDP. */
class InviteUdpContractTest extends AbstractInviteContractTest {
    @Override
    String transport() {
        return "udp";
    }
}

package org.stoxgw.sipadapter;

/** The INVITE contract over TCP. */
class InviteTcpContractTest extends AbstractInviteContractTest {
    @Override
    String transport() {
        return "tcp";
    }
}

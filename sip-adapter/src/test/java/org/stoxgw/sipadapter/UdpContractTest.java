package org.stoxgw.sipadapter;

import org.junit.jupiter.api.DisplayName;

@DisplayName("SIP adapter contract over UDP")
class UdpContractTest extends AbstractSipAdapterContractTest {
    @Override
    String transport() {
        return "udp";
    }
}

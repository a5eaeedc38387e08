package org.stoxgw.sipadapter;

import org.junit.jupiter.api.DisplayName;

@DisplayName("SIP adapter contract over TCP")
class TcpContractTest extends AbstractSipAdapterContractTest {
    @Override
    String transport() {
        return "tcp";
    }
}

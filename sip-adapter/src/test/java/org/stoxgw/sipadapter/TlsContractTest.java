package org.stoxgw.sipadapter;

import org.junit.jupiter.api.DisplayName;

@DisplayName("SIP adapter contract over TLS")
class TlsContractTest extends AbstractSipAdapterContractTest {
    @Override
    String transport() {
        return "tls";
    }
}

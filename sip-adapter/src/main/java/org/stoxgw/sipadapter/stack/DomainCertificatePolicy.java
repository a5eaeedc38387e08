package org.stoxgw.sipadapter.stack;

import gov.nist.javax.sip.ClientTransactionExt;
import gov.nist.javax.sip.TlsSecurityPolicy;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Checks, after the handshake of an outgoing TLS connection, that the server certificate names the
 * SIP domain the request is for (RFC 5922 section 7.3); the chain itself was already validated
 * against the trust store by JSSE. Which domain is expected comes from the client transaction's
 * application data ({@link Expectation}); transactions without one are not checked.
 *
 * <p>Created by JAIN-SIP by name ({@code gov.nist.javax.sip.TLS_SECURITY_POLICY}); stateless. A
 * mismatch fails the send as a transport error.
 */
public final class DomainCertificatePolicy implements TlsSecurityPolicy {

    /** What a client transaction expects of the server's certificate. */
    public interface Expectation {
        /** The SIP domain the certificate must name; empty = no check. */
        Optional<String> expectedServerDomain();
    }

    @Override
    public void enforceTlsPolicy(ClientTransactionExt transaction) throws SecurityException {
        if (transaction == null || !(transaction.getApplicationData() instanceof Expectation e)) {
            return;
        }
        Optional<String> domain = e.expectedServerDomain();
        if (domain.isEmpty()) {
            return;
        }
        Set<String> names;
        try {
            names = CertificateNames.of(transaction.getPeerCertificates());
        } catch (SSLPeerUnverifiedException ex) {
            throw new SecurityException("TLS peer sent no certificate");
        }
        if (!names.contains(domain.get())) {
            throw new SecurityException("TLS certificate names " + names + ", not " + domain.get() + " (RFC 5922)");
        }
    }
}

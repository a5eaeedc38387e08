package org.stoxgw.sipadapter.outbound;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.stoxgw.mapping.sip.SipRequest;
import org.stoxgw.sipadapter.NextHop;
import org.stoxgw.sipadapter.SipOutcome;

/**
 * One request the core asked to send, through its attempts (one client transaction per target,
 * RFC 3263 section 4.3). Fields are written by whichever thread advances it; each step happens
 * after the previous one completed (executor hand-offs give the ordering).
 */
final class Outbound {
    final SipRequest request;
    final CompletableFuture<SipOutcome> outcome = new CompletableFuture<>();
    volatile SIPRequest template;
    /** Whether an attempt took {@link #template} itself (a further attempt builds a fresh request). */
    volatile boolean templateUsed;
    volatile NextHop hop;
    /** The domain a TLS next hop must prove when the hop itself is an address (static route). */
    volatile String serverDomain;
    volatile List<Target> targets = List.of();
    /** Why a MESSAGE could not go over UDP (too large, RFC 3428 section 10); null if it could. */
    volatile String tooLarge;
    /** UDP targets that may take this request although it is larger than the UDP limit (not MESSAGE). */
    final java.util.Set<Target> oversizeUdp = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The dialog layer watching this request's transactions (INVITE), or null. */
    volatile TransactionHook hook;
    /** A provisional response other than 100 arrived: the request reached a server, no failover. */
    volatile boolean provisionalSeen;

    Outbound(SipRequest request) {
        this.request = request;
    }

    /** One client transaction of this request. */
    final class Attempt {
        final int index;
        final long startedNanos = System.nanoTime();
        private final Optional<String> expectedDomain;

        Attempt(int index, Optional<String> expectedDomain) {
            this.index = index;
            this.expectedDomain = expectedDomain;
        }

        Outbound owner() {
            return Outbound.this;
        }

        Target target() {
            return targets.get(index);
        }

        /** The SIP domain a TLS server must prove (RFC 5922); empty = no check. */
        Optional<String> expectedServerDomain() {
            return expectedDomain;
        }
    }
}

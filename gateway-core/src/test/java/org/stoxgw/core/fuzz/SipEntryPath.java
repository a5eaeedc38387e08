package org.stoxgw.core.fuzz;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.stoxgw.config.ConfigLoader;
import org.stoxgw.config.SharedSettings;
import org.stoxgw.mapping.address.AddressMapper;
import org.stoxgw.core.routing.Policies;
import org.stoxgw.sipadapter.SipSettings;
import org.stoxgw.sipadapter.convert.NeutralMessages;
import org.stoxgw.sipadapter.inbound.ValveChecksForFuzzing;
import org.stoxgw.sipadapter.outbound.Identifiers;
import org.stoxgw.sipadapter.stack.MalformedRequest;
import org.stoxgw.sipadapter.stack.TolerantParser;

/**
 * The SIP entry path as one function for fuzzing: the bytes of one datagram go through what the
 * adapter does before the core sees a request ({@link TolerantParser}, the valve's reads and
 * the valve's RFC 3261 section 8.2 checks, {@link NeutralMessages}) and then through mapping as the core uses it
 * ({@link SipMappingChecks}). Whatever the bytes, each step either refuses with an answer that can
 * be sent or hands on a value the next step accepts; anything else throws {@link AssertionError}
 * (or escapes as the unexpected exception), which the fuzzer reports.
 *
 * <p>Configuration: the reference defaults (methods, body types, event packages, domains).
 * Stateless apart from its immutable settings; thread-safe.
 */
final class SipEntryPath {
    private static final TolerantParser PARSER = new TolerantParser();
    private static final Identifiers IDS = new Identifiers();
    private static final ValveChecksForFuzzing CHECKS;
    private static final SipMappingChecks MAPPING;

    static {
        ConfigLoader.LoadedConfig c = ConfigLoader.load(Optional.empty(), Map.of());
        SharedSettings shared = SharedSettings.read(c.reader());
        SipSettings sip = SipSettings.read(c.reader());
        CHECKS = new ValveChecksForFuzzing(sip.capabilities(), shared.domains().servedSipDomains(), Set.of("127.0.0.1"));
        MAPPING = new SipMappingChecks(new AddressMapper(Policies.addressPolicy(shared.domains())));
    }

    private SipEntryPath() {
    }

    /** Runs one datagram through the whole entry path. */
    static void run(byte[] datagram) {
        // the transport only changes the stand-in's Via; vary it cheaply with the input
        String transport = switch (datagram.length % 3) {
            case 0 -> "UDP";
            case 1 -> "TCP";
            default -> "TLS";
        };
        FuzzChannel channel = new FuzzChannel(transport);
        SIPMessage m;
        try {
            m = PARSER.parseSIPMessage(datagram, true, false, channel);
        } catch (ParseException e) {
            return; // a response or an ACK that does not parse: never answered (RFC 3261 section 17)
        }
        if (!(m instanceof SIPRequest r)) {
            if (m instanceof SIPResponse resp) {
                resp.encode(); // the transaction layer reads it
            }
            return;
        }
        if (r.getApplicationData() instanceof MalformedRequest bad) {
            malformed(r, bad);
            return;
        }
        valveReads(r);
        ValveChecksForFuzzing.Answer rejection = CHECKS.check(r);
        if (rejection != null) {
            answerable(r, rejection.status(), rejection.reason());
            return;
        }
        if (r.getMethod().equals("ACK") || r.getMethod().equals("CANCEL") || r.getMethod().equals("OPTIONS")) {
            return; // answered by the valve or the transaction layer, never reaches the core
        }
        MAPPING.check(NeutralMessages.request(r));
    }

    /** A stand-in for a request that did not parse: 400 or 505 with a clean reason, answerable. */
    private static void malformed(SIPRequest r, MalformedRequest bad) {
        if (bad.status() != 400 && bad.status() != 505) {
            throw new AssertionError("a malformed request is answered 400 or 505, not " + bad.status());
        }
        answerable(r, bad.status(), bad.reason());
    }

    /** What the valve reads from every request before the checks (size, From host, Via branches, URI). */
    private static void valveReads(SIPRequest r) {
        r.getSize();
        if (r.getFrom().getAddress().getURI() instanceof SipUri u) {
            ValveChecksForFuzzing.hostOf(u);
        }
        for (Object o : r.getViaHeaders()) {
            IDS.uriHashOf(((Via) o).getBranch());
        }
        Identifiers.uriHash(r.getRequestURI().toString());
    }

    /** The stateless answer the valve would send can be built and written. */
    private static void answerable(SIPRequest r, int status, String reason) {
        if (reason.length() > 200 || reason.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new AssertionError("reason phrase not sendable: " + reason);
        }
        SIPResponse response = r.createResponse(status, reason);
        ValveChecksForFuzzing.statelessTag(r);
        String wire = response.encode();
        if (!wire.startsWith("SIP/2.0 " + status + " ")) {
            throw new AssertionError("status line of the answer: " + wire.lines().findFirst().orElse(""));
        }
    }
}

package org.stoxgw.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target of the SIP entry path (issue 9): bytes of one datagram -> the adapter's parser and
 * checks -> neutral request -> mapping (addresses, message and presence bodies) -> the stanza the
 * gateway would send. See {@link SipEntryPath} for the invariants.
 *
 * <p>In the normal build it runs in regression mode over the committed seeds in
 * {@code src/test/resources/org/stoxgw/core/fuzz/SipEntryFuzzTestInputs/sipEntry} (every
 * past finding is one of them), then fuzzes briefly in a separate JVM; the long run (README,
 * "Reliability") is {@code scripts/fuzz.sh sip 1000000}.
 */
class SipEntryFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void sipEntry(byte[] datagram) {
        SipEntryPath.run(datagram);
    }
}

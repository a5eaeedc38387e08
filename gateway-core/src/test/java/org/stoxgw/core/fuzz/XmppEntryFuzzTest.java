package org.stoxgw.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target of the XMPP entry path (issue 9): bytes of an S2S stream -> the adapter's framing ->
 * Smack stanza -> mapping (addresses, message content, presence, errors) -> the SIP request the
 * gateway would send. See {@link XmppEntryPath} for the invariants.
 *
 * <p>In the normal build it runs in regression mode over the committed seeds in
 * {@code src/test/resources/org/stoxgw/core/fuzz/XmppEntryFuzzTestInputs/xmppEntry} (every past
 * finding is one of them), then fuzzes briefly in a separate JVM; the long run (README,
 * "Reliability") is {@code scripts/fuzz.sh xmpp 1000000}.
 */
class XmppEntryFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void xmppEntry(byte[] stream) {
        XmppEntryPath.run(stream);
    }
}

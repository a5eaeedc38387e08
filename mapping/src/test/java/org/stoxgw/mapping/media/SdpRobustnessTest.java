package org.stoxgw.mapping.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.stoxgw.mapping.payload.ParseResult;

/**
 * Hostile SDP: any mutation of a real offer (lines dropped, doubled, cut, values replaced by junk)
 * gives either a model or a refusal with a detail, never an exception; whatever parses writes SDP
 * that parses to the same model (MEDIA-05: nothing silently changed).
 */
class SdpRobustnessTest {

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> junk = Arbitraries.strings().withChars(" :/=-*0123456789abcxyzIPN\t").ofMaxLength(12);
        List<String> lines = new ArrayList<>(List.of(SdpSamples.WEBRTC.split("\r\n")));
        lines.addAll(List.of(SdpSamples.PLAIN_PHONE.split("\r\n")));
        Arbitrary<Integer> index = Arbitraries.integers().between(0, lines.size() - 1);
        Arbitrary<Integer> op = Arbitraries.integers().between(0, 4);
        return net.jqwik.api.Combinators.combine(index.list().ofMaxSize(6), op.list().ofSize(6), junk.list().ofSize(6))
                .as((idx, ops, js) -> {
                    List<String> l = new ArrayList<>(List.of(SdpSamples.WEBRTC.split("\r\n")));
                    for (int k = 0; k < idx.size(); k++) {
                        int i = Math.min(idx.get(k), l.size() - 1);
                        if (i < 0) {
                            break;
                        }
                        String line = l.get(i);
                        switch (ops.get(k)) {
                            case 0 -> l.remove(i);
                            case 1 -> l.add(i, lines.get(idx.get(k)));
                            case 2 -> l.set(i, line.substring(0, line.length() / 2));
                            case 3 -> l.set(i, line.substring(0, Math.min(2, line.length())) + js.get(k));
                            default -> {
                                int colon = line.indexOf(':');
                                l.set(i, (colon > 0 ? line.substring(0, colon + 1) : line) + js.get(k));
                            }
                        }
                    }
                    return String.join("\r\n", l) + "\r\n";
                });
    }

    @Property(tries = 2000)
    void neverThrowsAndRoundTrips(@ForAll("mutated") String sdp) {
        ParseResult<MediaSession> r = SdpParser.parse(sdp, Role.INITIATOR);
        if (r instanceof ParseResult.Refused<MediaSession> refused) {
            assertFalse(refused.detail().isEmpty());
            return;
        }
        MediaSession m = r.orElseThrow();
        assertEquals(m, SdpParser.parse(SdpWriter.write(m, Role.INITIATOR), Role.INITIATOR).orElseThrow());
    }
}

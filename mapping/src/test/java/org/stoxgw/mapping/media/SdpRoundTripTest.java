package org.stoxgw.mapping.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SdpRoundTripTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PLAIN_PHONE", "WEBRTC"})
    @DisplayName("SDP -> model -> SDP -> model gives the same model (MEDIA-05: nothing of the offer is lost)")
    void modelIsStable(String which) throws Exception {
        String sdp = (String) SdpSamples.class.getDeclaredField(which).get(null);
        for (Role author : Role.values()) {
            MediaSession once = SdpParser.parse(sdp, author).orElseThrow();
            String written = SdpWriter.write(once, author);
            MediaSession twice = SdpParser.parse(written, author).orElseThrow();
            assertEquals(once, twice, written);
            assertEquals(written, SdpWriter.write(twice, author), "writing is deterministic");
            assertTrue(written.endsWith("\r\n"));
        }
    }

    @ParameterizedTest
    @EnumSource(Senders.class)
    @DisplayName("Every senders value survives SDP for either author (§2.3 table, MEDIA-22)")
    void senders(Senders s) {
        for (Role author : Role.values()) {
            MediaSession m = SdpParser.parse(SdpSamples.PLAIN_PHONE, author).orElseThrow();
            MediaSession changed = m.withContents(List.of(m.contents().get(0).withSenders(s)));
            assertEquals(s, SdpParser.parse(SdpWriter.write(changed, author), author).orElseThrow().contents().get(0).senders());
        }
    }
}

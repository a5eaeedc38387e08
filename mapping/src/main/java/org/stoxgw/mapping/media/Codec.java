package org.stoxgw.mapping.media;

import java.util.List;
import java.util.Objects;

/**
 * One payload type of a content (XEP-0167 {@code <payload-type/>} ↔ an {@code m=} format with its
 * {@code a=rtpmap}/{@code a=fmtp}/{@code a=rtcp-fb} lines). {@code name} may be empty only for a static
 * payload type (0–95, RTP-02); {@code clockrate} 0 means unknown; {@code channels} is at least 1;
 * {@code ptime}/{@code maxptime} 0 mean absent. Parameter order is kept but carries no meaning (RTP-03).
 */
public record Codec(int id, String name, int clockrate, int channels, int ptime, int maxptime,
                    List<Parameter> parameters, List<RtcpFeedback> feedback) {
    public Codec {
        if (id < 0 || id > 127) {
            throw new IllegalArgumentException("payload type out of 0..127: " + id);
        }
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() && id >= 96) {
            throw new IllegalArgumentException("dynamic payload type " + id + " needs a name (RTP-02)");
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels < 1: " + channels);
        }
        parameters = List.copyOf(parameters);
        feedback = List.copyOf(feedback);
    }

    /** A codec with no parameters, feedback or packet times. */
    public static Codec of(int id, String name, int clockrate, int channels) {
        return new Codec(id, name, clockrate, channels, 0, 0, List.of(), List.of());
    }

    /** Whether the payload type is dynamic (96–127, RFC 3551 §3). */
    public boolean dynamic() {
        return id >= 96;
    }

    /** Whether this is RFC 4733 telephone-event (DTMF in RTP). */
    public boolean telephoneEvent() {
        return name.equalsIgnoreCase("telephone-event");
    }

    /** The value of parameter {@code n}, or null. */
    public String parameter(String n) {
        for (Parameter p : parameters) {
            if (p.name().equals(n)) {
                return p.value();
            }
        }
        return null;
    }

    public Codec withParameters(List<Parameter> ps) {
        return new Codec(id, name, clockrate, channels, ptime, maxptime, ps, feedback);
    }

    public Codec withPtime(int newPtime, int newMaxptime) {
        return new Codec(id, name, clockrate, channels, newPtime, newMaxptime, parameters, feedback);
    }

    public Codec withFeedback(List<RtcpFeedback> fb) {
        return new Codec(id, name, clockrate, channels, ptime, maxptime, parameters, fb);
    }
}

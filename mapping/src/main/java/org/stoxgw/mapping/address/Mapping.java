package org.stoxgw.mapping.address;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jivesoftware.smack.packet.StanzaError;
import org.stoxgw.mapping.sip.SipResponse;

/**
 * The result of mapping an address: the mapped value, or a refusal that says why and carries the
 * error to answer with on either side (RFC 7247 §7). An address that cannot be mapped is refused,
 * never guessed. Immutable.
 *
 * <pre>{@code
 * Mapping<Jid> m = mapper.sipTargetToXmpp(requestUri);
 * if (m instanceof Mapping.Refused<Jid> r) { reply(r.sipResponse()); return; }
 * Jid to = m.orElseThrow();
 * }</pre>
 *
 * @param <T> the mapped value's type
 */
public sealed interface Mapping<T> permits Mapping.Ok, Mapping.Refused {

    /** A mapped value. */
    record Ok<T>(T value) implements Mapping<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A refusal.
     *
     * @param reason        one short English phrase for operators and users; safe to send (no
     *                      control characters, foreign text quoted and cut)
     * @param sipStatus     the SIP response code to answer a SIP request with
     * @param xmppCondition the stanza error condition to answer an XMPP stanza with
     */
    record Refused<T>(String reason, int sipStatus, StanzaError.Condition xmppCondition) implements Mapping<T> {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(xmppCondition, "xmppCondition");
            if (sipStatus < 300 || sipStatus > 699) {
                throw new IllegalArgumentException("a refusal needs a 3xx-6xx status: " + sipStatus);
            }
        }

        /** The SIP response for this refusal: the status with the reason as Reason-Phrase (ERR-03). */
        public SipResponse sipResponse() {
            return SipResponse.of(sipStatus, reason);
        }

        /**
         * The stanza error for this refusal: the condition, its RFC 6120 §8.3.3 type (Smack's
         * table, which matches the spec's table 2.4), and the reason as {@code <text/>}.
         */
        public StanzaError stanzaError() {
            return StanzaError.getBuilder(xmppCondition).setDescriptiveTexts(Map.of("", reason)).build();
        }

        /** The same refusal for another value type. */
        @SuppressWarnings("unchecked")
        public <U> Refused<U> cast() {
            return (Refused<U>) this;
        }
    }

    static <T> Mapping<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Mapping<T> refused(String reason, int sipStatus, StanzaError.Condition condition) {
        return new Refused<>(reason, sipStatus, condition);
    }

    /** True for {@link Ok}. */
    default boolean isOk() {
        return this instanceof Ok;
    }

    /**
     * The mapped value.
     *
     * @throws IllegalStateException with the reason if this is a refusal
     */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException(((Refused<T>) this).reason());
    }

    /** The value, or null if refused. */
    default T orNull() {
        return this instanceof Ok<T> ok ? ok.value() : null;
    }

    /** Maps the value; a refusal stays a refusal. */
    default <U> Mapping<U> map(Function<? super T, ? extends U> f) {
        return this instanceof Ok<T> ok ? new Ok<>(f.apply(ok.value())) : ((Refused<T>) this).cast();
    }

    /** Chains another mapping step; a refusal stays a refusal. */
    default <U> Mapping<U> flatMap(Function<? super T, Mapping<U>> f) {
        return this instanceof Ok<T> ok ? f.apply(ok.value()) : ((Refused<T>) this).cast();
    }
}

package org.stoxgw.mapping.payload;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of parsing a payload: either the value, or the refusal with a machine-readable
 * {@link ParseProblem} and a human-readable detail (safe to log: it never echoes the payload beyond
 * a short excerpt).
 *
 * @param <T> the parsed value type
 */
public sealed interface ParseResult<T> {

    /** A successfully parsed value. */
    record Ok<T>(T value) implements ParseResult<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A refused payload. */
    record Refused<T>(ParseProblem problem, String detail) implements ParseResult<T> {
        public Refused {
            Objects.requireNonNull(problem, "problem");
            detail = detail == null ? "" : detail;
        }

        /** The same refusal typed for another value type. */
        @SuppressWarnings("unchecked")
        public <U> Refused<U> cast() {
            return (Refused<U>) this;
        }
    }

    static <T> ParseResult<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> ParseResult<T> refused(ParseProblem problem, String detail) {
        return new Refused<>(problem, detail);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value, if parsing succeeded. */
    default Optional<T> toOptional() {
        return this instanceof Ok<T> ok ? Optional.of(ok.value()) : Optional.empty();
    }

    /** The value; throws {@link IllegalStateException} naming the problem if refused. */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        Refused<T> r = (Refused<T>) this;
        throw new IllegalStateException(r.problem() + ": " + r.detail());
    }

    /** Continues with another parse step on success, keeping a refusal as it is. */
    default <U> ParseResult<U> flatMap(Function<? super T, ParseResult<U>> f) {
        if (this instanceof Ok<T> ok) {
            return f.apply(ok.value());
        }
        return ((Refused<T>) this).cast();
    }

    /** Maps the value, keeping a refusal as it is. */
    default <U> ParseResult<U> map(Function<? super T, ? extends U> f) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(f.apply(ok.value()));
        }
        return ((Refused<T>) this).cast();
    }
}

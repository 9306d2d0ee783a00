package io.tessera.gateway.quota;

/** The outcome of an admission check: admitted, or rejected with a message for the user. */
public sealed interface Decision {

    Admit ADMIT = new Admit();

    record Admit() implements Decision {
    }

    /** {@code message} names the limit, the request and the remaining headroom. */
    record Reject(String message) implements Decision {
    }

    default boolean admitted() {
        return this instanceof Admit;
    }
}

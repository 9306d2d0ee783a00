package io.tessera.gateway.options;

/** Options the user sent that cannot be used; the API answers 422 with this message, as dask-gateway does. */
public class OptionsException extends RuntimeException {

    public OptionsException(String message) {
        super(message);
    }
}

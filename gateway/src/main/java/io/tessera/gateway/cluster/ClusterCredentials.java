package io.tessera.gateway.cluster;

/**
 * A cluster's TLS credentials as the dask-gateway client wants them: the PEM certificate (its own
 * CA) and the PEM PKCS#8 key. {@link #toString()} never shows them, so that neither can end up in
 * a log line or an exception message by accident.
 */
public record ClusterCredentials(String certificate, String key) {

    @Override
    public String toString() {
        return "ClusterCredentials[redacted]";
    }
}

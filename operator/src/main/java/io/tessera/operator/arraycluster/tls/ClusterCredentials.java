package io.tessera.operator.arraycluster.tls;

/**
 * A cluster's certificate and private key, PEM: the certificate is its own CA, so it is also the
 * trust anchor of every party (scheduler, workers, runner, the gateway's users). The key is a
 * secret: {@link #toString()} never shows it, so a stray log line or exception cannot leak it.
 *
 * @param certificatePem {@code -----BEGIN CERTIFICATE-----}
 * @param privateKeyPem unencrypted PKCS#8, {@code -----BEGIN PRIVATE KEY-----}
 */
public record ClusterCredentials(String certificatePem, String privateKeyPem) {

    @Override
    public String toString() {
        return "ClusterCredentials[not shown]";
    }
}

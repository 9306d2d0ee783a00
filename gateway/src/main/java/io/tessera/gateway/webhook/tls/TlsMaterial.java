package io.tessera.gateway.webhook.tls;

import java.security.cert.X509Certificate;

/**
 * The webhook's CA and serving certificate with their keys, PEM encoded as they sit in the
 * Secret ({@code ca.crt}, {@code ca.key}, {@code tls.crt}, {@code tls.key}).
 */
public record TlsMaterial(String caCertPem, String caKeyPem, String certPem, String keyPem) {

    public X509Certificate ca() {
        return Pem.certificate(caCertPem);
    }

    public X509Certificate certificate() {
        return Pem.certificate(certPem);
    }
}

package io.tessera.gateway.webhook.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to do with the certificates found in the Secret: keep them, issue a new serving
 * certificate under the same CA (the caBundle stays valid), or start over with a new CA.
 */
public final class RenewalPolicy {

    public enum Action {
        KEEP, NEW_CERTIFICATE, NEW_CA
    }

    private RenewalPolicy() {
    }

    /**
     * @param found what the Secret holds; empty when it is missing or unreadable
     * @param wantedSans the DNS names and IPs the serving certificate must carry
     */
    public static Action decide(Optional<TlsMaterial> found, Set<String> wantedSans, Instant now, Duration renewBefore) {
        if (found.isEmpty()) {
            return Action.NEW_CA;
        }
        X509Certificate ca;
        X509Certificate cert;
        try {
            ca = found.get().ca();
            cert = found.get().certificate();
            Pem.ecPrivateKey(found.get().caKeyPem());
            Pem.ecPrivateKey(found.get().keyPem());
        } catch (IllegalArgumentException e) {
            return Action.NEW_CA;
        }
        if (expiresWithin(ca, now, renewBefore)) {
            return Action.NEW_CA;
        }
        if (expiresWithin(cert, now, renewBefore) || !sans(cert).equals(new TreeSet<>(wantedSans))
                || !cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return Action.NEW_CERTIFICATE;
        }
        return Action.KEEP;
    }

    private static boolean expiresWithin(X509Certificate cert, Instant now, Duration window) {
        return !now.plus(window).isBefore(cert.getNotAfter().toInstant());
    }

    /** The DNS and IP subject alternative names, as strings. */
    static Set<String> sans(X509Certificate cert) {
        try {
            Collection<List<?>> names = Optional.ofNullable(cert.getSubjectAlternativeNames()).orElse(List.of());
            Set<String> result = new TreeSet<>();
            names.forEach(entry -> result.add(String.valueOf(entry.get(1))));
            return result;
        } catch (CertificateParsingException e) {
            return Set.of();
        }
    }
}

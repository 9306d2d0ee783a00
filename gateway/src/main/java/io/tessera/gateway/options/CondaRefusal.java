package io.tessera.gateway.options;

import java.util.List;
import java.util.Optional;

/**
 * Refuses conda packages and channels where the platform cannot install them, so that a request is
 * never accepted and then built without them (or failed much later by the build Job). One rule for
 * the REST option and the webhook (kubectl, GitOps), which name the fields in their own terms.
 */
public final class CondaRefusal {

    private CondaRefusal() {
    }

    /**
     * @param where how the caller names the lists, e.g. "environment.conda" or "spec.environment.conda"
     * @return the message to refuse with, if conda is asked for but not enabled
     */
    public static Optional<String> of(List<String> conda, List<String> channels, boolean condaEnabled, String where) {
        boolean asked = !nullToEmpty(conda).isEmpty() || !nullToEmpty(channels).isEmpty();
        if (!asked || condaEnabled) {
            return Optional.empty();
        }
        String what = nullToEmpty(conda).isEmpty() ? "conda channels " + channels : "conda packages " + conda;
        return Optional.of(where + ": " + what + " cannot be installed: this platform's worker image has no conda tool"
                + " (micromamba, mamba or conda), so its admins have not enabled conda environments;"
                + " list the packages under pip instead, or ask for an image with conda");
    }

    private static List<String> nullToEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}

package io.tessera.gateway.dashboard;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The scheduler's HTTP address for one cluster, from the {@code target} template (pure). Cluster
 * names and namespaces are DNS labels, so the substitution cannot change the URL's structure.
 */
public record SchedulerOrigin(String host, int port) {

    public static SchedulerOrigin of(String template, String name, String namespace) {
        String url = template.replace("{name}", name).replace("{namespace}", namespace);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("tessera.gateway.dashboard.target is not a URL: " + template, e);
        }
        if (!"http".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))
                || uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                && !"/".equals(uri.getRawPath()) || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("tessera.gateway.dashboard.target must be http://host[:port], got "
                    + template);
        }
        return new SchedulerOrigin(uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort());
    }
}

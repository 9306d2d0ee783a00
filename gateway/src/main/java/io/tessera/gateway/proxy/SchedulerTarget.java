package io.tessera.gateway.proxy;

import java.net.InetSocketAddress;

/** The scheduler address template ({@code {name}-scheduler.{namespace}.svc:8786}) filled in for one cluster. */
final class SchedulerTarget {

    private SchedulerTarget() {
    }

    /** The address, resolved now (callers are off the event loop); unresolved if the name is unknown to DNS. */
    static InetSocketAddress of(String template, String namespace, String name) {
        String target = template.replace("{name}", name).replace("{namespace}", namespace);
        if (target.startsWith("tls://")) {
            target = target.substring("tls://".length());
        }
        int colon = target.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("scheduler target " + target + " has no port (tessera.gateway.proxy.scheduler-target)");
        }
        String host = target.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, Integer.parseInt(target.substring(colon + 1)));
    }
}

package io.tessera.gateway.proxy;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where the scheduler of a cluster listens, if the cluster may be reached now. Called off the
 * event loop (it may query a database or resolve a host name); empty closes the connection.
 */
@FunctionalInterface
public interface RouteLookup {

    Optional<InetSocketAddress> route(String clusterName) throws Exception;
}

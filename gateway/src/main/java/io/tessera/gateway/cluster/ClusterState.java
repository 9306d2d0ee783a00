package io.tessera.gateway.cluster;

/** dask-gateway's cluster status; it travels as its name (upper case), never as a number. */
public enum ClusterState {
    PENDING, RUNNING, STOPPING, STOPPED, FAILED
}

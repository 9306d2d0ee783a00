/**
 * Clusters of the dask-gateway API: naming, the ArrayCluster built from options, the status the
 * client sees, scaling within quota, and keeping reservations in step with the ArrayClusters that
 * exist ({@link io.tessera.gateway.cluster.ClusterSync}).
 */
package io.tessera.gateway.cluster;

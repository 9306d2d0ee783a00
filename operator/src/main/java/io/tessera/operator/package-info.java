/**
 * The Tessera operator: reconciles ArrayCluster, ArrayJob and ScheduledJob into Dask scheduler,
 * worker and runner workloads. Not implemented yet; see docs/ and the open issues.
 */
package io.tessera.operator;

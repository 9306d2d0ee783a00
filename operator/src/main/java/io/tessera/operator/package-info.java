/**
 * The Tessera operator: reconciles ArrayCluster, ArrayJob and ScheduledJob into Dask scheduler,
 * worker and runner workloads. So far it holds the pure decision logic (autoscaling policy,
 * duration parsing); the Quarkus application with its reconcilers is the next step.
 */
package io.tessera.operator;

/**
 * The gateway's side of Kubernetes: one namespace per group, created and labelled by the gateway,
 * and its settings. The gateway never reconciles pods; it only creates, scales and deletes
 * ArrayClusters and keeps quota reservations in step with them ({@code cluster.ClusterSync}).
 */
package io.tessera.gateway.kube;

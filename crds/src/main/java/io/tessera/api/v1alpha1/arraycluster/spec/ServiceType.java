package io.tessera.api.v1alpha1.arraycluster.spec;

/** Kubernetes Service type of the scheduler Service. */
public enum ServiceType {
    ClusterIP, NodePort, LoadBalancer
}

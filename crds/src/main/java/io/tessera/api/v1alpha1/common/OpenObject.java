package io.tessera.api.v1alpha1.common;

/**
 * Schema stand-in for pod templates: an object whose fields the API server keeps without
 * pruning. Embedding the full PodTemplateSpec schema several times would push the CRDs past
 * the size the API server and client-side apply accept; the operator validates the merged pod
 * instead, and the API server validates the pod itself.
 */
public final class OpenObject {
    private OpenObject() {
    }
}

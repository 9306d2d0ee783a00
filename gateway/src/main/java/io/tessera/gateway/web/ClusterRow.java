package io.tessera.gateway.web;

import java.time.Instant;

/** One line of the clusters page. */
public record ClusterRow(String name, String group, String namespace, String status, String cores, String memory,
                         long gpus, int workers, Instant createdAt) {
}

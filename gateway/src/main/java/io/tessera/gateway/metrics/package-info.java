/**
 * Gateway metrics beyond the admission counter: quota utilisation and metered core-seconds per
 * group (read from PostgreSQL on a fixed period), and request latency histograms. Tags are
 * fixed and low-cardinality: group names at most, never users or clusters.
 */
package io.tessera.gateway.metrics;

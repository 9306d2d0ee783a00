/**
 * Usage metering: a pod informer turns Tessera pods into usage intervals (core-, memory- and
 * GPU-seconds per cluster, user and group), from the pods' own timestamps, idempotently, so that
 * replays, resyncs, restarts and several replicas never lose or double-count usage.
 */
package io.tessera.gateway.metering;

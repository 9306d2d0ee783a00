package io.tessera.gateway.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * dask-gateway's cluster report: exactly these eight keys, nulls included. The client passes every
 * key beyond the first five to a constructor that accepts only options, tls_cert and tls_key, so
 * one more key breaks every client version.
 *
 * @param startTime ms since the epoch, never null (the client divides it by 1000)
 * @param dashboardRoute {@code /clusters/<name>/status} (the gateway's dashboard proxy) while RUNNING, else null
 * @param tlsCert the cluster's PEM certificate, only while RUNNING and only for its owner, else null
 * @param tlsKey its PEM PKCS#8 key, likewise (see {@link ReportRules})
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"name", "status", "start_time", "stop_time", "dashboard_route", "options", "tls_cert", "tls_key"})
public record ClusterReport(
        @JsonProperty("name") String name,
        @JsonProperty("status") ClusterState status,
        @JsonProperty("start_time") long startTime,
        @JsonProperty("stop_time") Long stopTime,
        @JsonProperty("dashboard_route") String dashboardRoute,
        @JsonProperty("options") Map<String, Object> options,
        @JsonProperty("tls_cert") String tlsCert,
        @JsonProperty("tls_key") String tlsKey) {

    /** Without the credentials: a report must never put a key into a log line. */
    @Override
    public String toString() {
        return "ClusterReport[name=" + name + ", status=" + status + ", dashboardRoute=" + dashboardRoute
                + ", credentials=" + (tlsKey == null ? "none" : "redacted") + "]";
    }
}

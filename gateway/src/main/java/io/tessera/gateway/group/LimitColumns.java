package io.tessera.gateway.group;

import io.tessera.gateway.quota.Limits;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/** The limit columns a group quota and a member cap share; null columns are unlimited. */
@MappedSuperclass
public abstract class LimitColumns {

    @Column(name = "cores_millis")
    public Long coresMillis;

    @Column(name = "memory_bytes")
    public Long memoryBytes;

    public Long gpus;

    public Integer clusters;

    /** These limits, with the per-cluster worker limit given (only group quotas have one). */
    protected Limits limits(Long workersPerCluster) {
        return new Limits(coresMillis, memoryBytes, gpus, clusters == null ? null : clusters.longValue(),
                workersPerCluster);
    }

    protected void setShared(Limits limits) {
        coresMillis = limits.millicores();
        memoryBytes = limits.memoryBytes();
        gpus = limits.gpus();
        clusters = narrow(limits.clusters());
    }

    static Integer narrow(Long value) {
        return value == null ? null : Math.toIntExact(value);
    }
}

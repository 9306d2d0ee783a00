package io.tessera.gateway.group;

import io.tessera.gateway.quota.Limits;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A group's quota row. */
@Entity
@Table(name = "group_quota")
public class QuotaEntity extends LimitColumns {

    @Id
    @Column(name = "group_id")
    public Long groupId;

    @Column(name = "workers_per_cluster")
    public Integer workersPerCluster;

    public Limits limits() {
        return limits(workersPerCluster == null ? null : workersPerCluster.longValue());
    }

    public void set(Limits limits) {
        setShared(limits);
        workersPerCluster = narrow(limits.workersPerCluster());
    }
}

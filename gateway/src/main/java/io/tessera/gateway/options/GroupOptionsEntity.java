package io.tessera.gateway.options;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A group's stored cluster-option bounds (V3); see {@link GroupOptions} for the meaning of each. */
@Entity
@Table(name = "group_cluster_options")
public class GroupOptionsEntity {

    @Id
    @Column(name = "group_id")
    public Long groupId;

    @Column(name = "worker_cores_millis_min", nullable = false)
    public long coresMin;
    @Column(name = "worker_cores_millis_max", nullable = false)
    public long coresMax;
    @Column(name = "worker_cores_millis_default", nullable = false)
    public long coresDefault;

    @Column(name = "worker_memory_bytes_min", nullable = false)
    public long memoryMin;
    @Column(name = "worker_memory_bytes_max", nullable = false)
    public long memoryMax;
    @Column(name = "worker_memory_bytes_default", nullable = false)
    public long memoryDefault;

    @Column(name = "worker_gpus_min", nullable = false)
    public int gpusMin;
    @Column(name = "worker_gpus_max", nullable = false)
    public int gpusMax;
    @Column(name = "worker_gpus_default", nullable = false)
    public int gpusDefault;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "images", nullable = false)
    public String[] images = new String[0];

    @Column(name = "default_image")
    public String defaultImage;

    @Column(name = "idle_timeout_seconds_min", nullable = false)
    public int idleMin;
    @Column(name = "idle_timeout_seconds_max", nullable = false)
    public int idleMax;
    @Column(name = "idle_timeout_seconds_default", nullable = false)
    public int idleDefault;

    @Column(name = "max_workers", nullable = false)
    public int maxWorkers;

    @Column(name = "scheduler_cores_millis", nullable = false)
    public long schedulerMillicores;
    @Column(name = "scheduler_memory_bytes", nullable = false)
    public long schedulerMemoryBytes;

    // V6
    @Column(name = "allow_environment", nullable = false)
    public boolean allowEnvironment = true;

    public GroupOptions options() {
        return new GroupOptions(new Range(coresMin, coresMax, coresDefault), new Range(memoryMin, memoryMax, memoryDefault),
                new Range(gpusMin, gpusMax, gpusDefault), List.of(images), defaultImage,
                new Range(idleMin, idleMax, idleDefault), maxWorkers, schedulerMillicores, schedulerMemoryBytes,
                allowEnvironment);
    }

    public void set(GroupOptions options) {
        coresMin = options.workerMillicores().min();
        coresMax = options.workerMillicores().max();
        coresDefault = options.workerMillicores().defaultValue();
        memoryMin = options.workerMemoryBytes().min();
        memoryMax = options.workerMemoryBytes().max();
        memoryDefault = options.workerMemoryBytes().defaultValue();
        gpusMin = Math.toIntExact(options.workerGpus().min());
        gpusMax = Math.toIntExact(options.workerGpus().max());
        gpusDefault = Math.toIntExact(options.workerGpus().defaultValue());
        images = options.images().toArray(String[]::new);
        defaultImage = options.defaultImage();
        idleMin = Math.toIntExact(options.idleTimeoutSeconds().min());
        idleMax = Math.toIntExact(options.idleTimeoutSeconds().max());
        idleDefault = Math.toIntExact(options.idleTimeoutSeconds().defaultValue());
        maxWorkers = options.maxWorkers();
        schedulerMillicores = options.schedulerMillicores();
        schedulerMemoryBytes = options.schedulerMemoryBytes();
        allowEnvironment = options.allowEnvironment();
    }
}

package io.tessera.gateway.admission;

import io.tessera.gateway.quota.Resources;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An admitted cluster and the quota it reserves while ACTIVE. */
@Entity
@Table(name = "cluster")
public class ClusterEntity {

    public static final String ACTIVE = "ACTIVE";
    public static final String DELETED = "DELETED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String namespace;

    @Column(nullable = false)
    public String name;

    @Column(name = "owner_id", nullable = false)
    public Long ownerId;

    @Column(name = "group_id", nullable = false)
    public Long groupId;

    @Column(name = "reserved_cores_millis", nullable = false)
    public long reservedCoresMillis;

    @Column(name = "reserved_memory_bytes", nullable = false)
    public long reservedMemoryBytes;

    @Column(name = "reserved_gpus", nullable = false)
    public long reservedGpus;

    @Column(name = "reserved_workers", nullable = false)
    public int reservedWorkers;

    @Column(nullable = false)
    public String state = ACTIVE;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** Bumped by every change of the reservation: the compare-and-set token of {@code AdmissionService.settle}. */
    @Column(name = "books_version", nullable = false)
    public long booksVersion;

    public Resources reserved() {
        return new Resources(reservedCoresMillis, reservedMemoryBytes, reservedGpus, reservedWorkers);
    }

    public void reserve(Resources footprint, Instant now) {
        reservedCoresMillis = footprint.millicores();
        reservedMemoryBytes = footprint.memoryBytes();
        reservedGpus = footprint.gpus();
        reservedWorkers = Math.toIntExact(footprint.workers());
        updatedAt = now;
        booksVersion++;
    }
}

package io.tessera.gateway.admission;

import io.quarkus.logging.Log;
import io.tessera.gateway.group.GroupEntity;
import io.tessera.gateway.group.GroupRepository;
import io.tessera.gateway.group.UserEntity;
import io.tessera.gateway.group.UserRepository;
import io.tessera.gateway.quota.Budget;
import io.tessera.gateway.quota.BudgetCheck;
import io.tessera.gateway.quota.ChangeRequest;
import io.tessera.gateway.quota.Decision;
import io.tessera.gateway.quota.Limits;
import io.tessera.gateway.quota.MonthUsage;
import io.tessera.gateway.quota.QuotaCheck;
import io.tessera.gateway.quota.Resources;
import io.tessera.gateway.quota.Scope;
import io.tessera.gateway.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one place quota is reserved and released. Each call is one transaction that first locks the
 * group's row, then reads the group's reservations, decides and writes: two requests in the same
 * group can never both see the same headroom, so the group is never over-committed. Requests in
 * different groups do not wait for each other.
 */
@ApplicationScoped
@Transactional
public class AdmissionService {

    @Inject
    GroupRepository groups;

    @Inject
    UserRepository users;

    @Inject
    ClusterRepository clusters;

    @Inject
    QuotaStatus status;

    @Inject
    AdmissionMetrics metrics;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    // >>> admission webhook and queue (h-webhook): wakes the ArrayJob queue when quota frees up.
    @Inject
    jakarta.enterprise.event.Event<HeadroomFreed> freed;
    // <<< admission webhook and queue

    /**
     * Admits and reserves a new cluster, or rejects it. Idempotent: retrying an admitted create
     * (same owner and footprint) admits again without reserving twice.
     */
    public Decision create(CreateCluster request) {
        GroupEntity group = groups.lock(request.group());
        Optional<UserEntity> member = users.member(request.username(), group.id);
        if (member.isEmpty()) {
            return metrics.count("create", new Decision.Reject(
                    "user " + request.username() + " is not a member of group " + group.name));
        }
        long userId = member.get().id;
        Optional<ClusterEntity> existing = clusters.findLive(group.namespace, request.name());
        if (existing.isPresent()) {
            return metrics.count("create", retried(existing.get(), userId, request));
        }
        Decision decision = decide(group, userId, request.username(), ChangeRequest.create(request.footprint()));
        if (decision.admitted()) {
            clusters.persist(newCluster(group, userId, request));
            Log.infof("admitted cluster %s/%s for %s", group.namespace, request.name(), request.username());
        }
        return metrics.count("create", decision);
    }

    /**
     * Changes a live cluster's reservation to {@code target}; growth is checked, shrinking always
     * admitted. A target equal to the reservation changes nothing (the webhook's view of a write
     * the gateway has already reserved for).
     */
    public Decision scale(String namespace, String name, Resources target) {
        return change(namespace, name, target, false).decision();
    }

    /**
     * Like {@link #scale}, for a writer that is about to write the ArrayCluster itself: the
     * reservation is its claim, and the returned version lets it {@link #settle} the books later
     * if the write fails, unless somebody changed them since.
     */
    public Claim claim(String namespace, String name, Resources target) {
        return change(namespace, name, target, true);
    }

    /** The outcome of a {@link #claim}: the decision and the reservation's version after it. */
    public record Claim(Decision decision, long version) {
    }

    /**
     * Sets a live cluster's reservation to what its ArrayCluster spec holds ({@code footprint}),
     * without a quota check (it is what exists), if the reservation's version is still
     * {@code expectedVersion}: nobody reserved anything for it since the caller's claim or read.
     * Used after a failed write and by the reconciliation; true when the books were changed.
     */
    public boolean settle(String namespace, String name, Resources footprint, long expectedVersion) {
        Optional<ClusterEntity> locked = lockedLive(namespace, name);
        if (locked.isEmpty() || locked.get().booksVersion != expectedVersion) {
            return false;
        }
        ClusterEntity cluster = locked.get();
        if (cluster.reserved().equals(footprint)) {
            return false;
        }
        boolean shrinks = !footprint.minus(cluster.reserved()).isNonNegative();
        cluster.reserve(footprint, clock.instant());
        if (shrinks) {
            freed.fire(new HeadroomFreed(namespace));
        }
        return true;
    }

    private Claim change(String namespace, String name, Resources target, boolean claim) {
        if (!target.isNonNegative()) {
            throw ApiException.badRequest("a cluster cannot reserve negative resources: " + target);
        }
        ClusterEntity cluster = lockedLive(namespace, name)
                .orElseThrow(() -> ApiException.notFound("cluster " + namespace + "/" + name + " not found"));
        if (!claim && target.equals(cluster.reserved())) {
            return new Claim(metrics.count("scale", Decision.ADMIT), cluster.booksVersion);
        }
        GroupEntity group = em.find(GroupEntity.class, cluster.groupId);
        UserEntity owner = em.find(UserEntity.class, cluster.ownerId);
        Decision decision = decide(group, owner.id, owner.username, ChangeRequest.scale(cluster.reserved(), target));
        if (decision.admitted()) {
            boolean shrinks = !target.minus(cluster.reserved()).isNonNegative();
            cluster.reserve(target, clock.instant());
            if (shrinks) {
                freed.fire(new HeadroomFreed(namespace));
            }
        }
        return new Claim(metrics.count("scale", decision), cluster.booksVersion);
    }

    /** Releases a deleted cluster's quota; false when there was no live cluster (already released). */
    public boolean release(String namespace, String name) {
        Optional<ClusterEntity> cluster = lockedLive(namespace, name);
        cluster.ifPresent(c -> {
            Instant now = clock.instant();
            c.state = ClusterEntity.DELETED;
            c.deletedAt = now;
            c.updatedAt = now;
            Log.infof("released cluster %s/%s", namespace, name);
            freed.fire(new HeadroomFreed(namespace));
        });
        return cluster.isPresent();
    }

    /** The group's quota, reservations, headroom and budget status, read without locking. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public GroupUsage usage(String groupName) {
        GroupEntity group = groups.require(groupName);
        Reservations reservations = clusters.ofGroup(group.id);
        Limits quota = status.quota(group);
        return new GroupUsage(group, quota, reservations.reserved(), reservations.clusters(),
                quota.headroom(reservations.reserved(), reservations.clusters()), status.budget(group),
                status.thisMonth(group));
    }

    /**
     * The live cluster, read after its group's lock is held. The group id is read as a plain value
     * first, so that no possibly stale cluster entity is cached before the lock.
     */
    private Optional<ClusterEntity> lockedLive(String namespace, String name) {
        Optional<Long> groupId = em.createQuery("select c.groupId from ClusterEntity c"
                        + " where c.namespace = :ns and c.name = :name and c.state = 'ACTIVE'", Long.class)
                .setParameter("ns", namespace).setParameter("name", name)
                .getResultStream().findFirst();
        groupId.ifPresent(groups::lock);
        return groupId.flatMap(id -> clusters.findLive(namespace, name));
    }

    private Decision decide(GroupEntity group, long userId, String username, ChangeRequest change) {
        Reservations ofGroup = clusters.ofGroup(group.id);
        Reservations ofMember = clusters.ofMember(group.id, userId);
        String label = "group " + group.name;
        Decision quota = QuotaCheck.check(change, List.of(
                new Scope(label, status.quota(group), ofGroup.reserved(), ofGroup.clusters()),
                new Scope("user " + username + " in " + label, status.cap(group, userId),
                        ofMember.reserved(), ofMember.clusters())));
        Budget budget = status.budget(group);
        if (!quota.admitted() || budget.equals(Budget.UNLIMITED)) {
            return quota;
        }
        MonthUsage used = status.thisMonth(group);
        return BudgetCheck.check(label, budget, used, change.delta());
    }

    private static Decision retried(ClusterEntity existing, long userId, CreateCluster request) {
        if (existing.ownerId == userId && existing.reserved().equals(request.footprint())) {
            return Decision.ADMIT;
        }
        throw ApiException.conflict("cluster " + request.name() + " already exists in group " + request.group()
                + " with another owner or size; scale it instead");
    }

    private ClusterEntity newCluster(GroupEntity group, long userId, CreateCluster request) {
        ClusterEntity cluster = new ClusterEntity();
        cluster.namespace = group.namespace;
        cluster.name = request.name();
        cluster.groupId = group.id;
        cluster.ownerId = userId;
        cluster.createdAt = clock.instant();
        cluster.reserve(request.footprint(), cluster.createdAt);
        return cluster;
    }
}

-- Who owns Kubernetes objects that arrive through the admission webhook (kubectl, GitOps) rather
-- than through the gateway's REST API, which knows its caller.

-- The member a group's objects are charged to when neither the object (label tessera.io/user)
-- nor the requesting Kubernetes user names a member: typically the GitOps applier's service
-- account. Set by a platform admin; without a row such objects are denied with a message saying so.
CREATE TABLE group_service_owner (
    group_id  BIGINT PRIMARY KEY REFERENCES tenant_group (id) ON DELETE CASCADE,
    user_id   BIGINT NOT NULL,
    -- Only a member may own: removing the membership removes the service owner.
    FOREIGN KEY (user_id, group_id) REFERENCES membership (user_id, group_id) ON DELETE CASCADE
);

-- The owner the webhook resolved when an ArrayJob or ScheduledJob was created: the quota queue
-- reserves a run's cluster later, when the requesting user is no longer known, and a ScheduledJob's
-- runs (created by the operator) inherit their schedule's owner. Keyed like the object itself; a
-- re-created object overwrites its row.
CREATE TABLE recorded_owner (
    kind         TEXT        NOT NULL CHECK (kind IN ('ArrayJob', 'ScheduledJob')),
    namespace    TEXT        NOT NULL,
    name         TEXT        NOT NULL,
    user_id      BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    group_id     BIGINT      NOT NULL REFERENCES tenant_group (id) ON DELETE CASCADE,
    recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, namespace, name)
);

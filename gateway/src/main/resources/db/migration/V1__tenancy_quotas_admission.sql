-- Tenancy, quotas, budgets, API tokens, clusters and usage: the gateway's whole state.
-- Conventions, and why:
--   * CPU is stored in millicores and memory in bytes (BIGINT), exactly as Kubernetes quantities
--     resolve, so admission arithmetic is exact integer arithmetic, never floating point.
--   * A NULL limit means "no limit"; 0 means "nothing allowed". Every stored amount is >= 0.
--   * Timestamps are TIMESTAMPTZ (UTC instants): months for budgets are computed by the gateway.

-- A person, as Keycloak knows them. Rows are synced from Keycloak (next step), or created by the
-- admin API when a member is added before their first login.
CREATE TABLE app_user (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Keycloak's preferred_username: what people type and what messages show.
    username        TEXT        NOT NULL UNIQUE
                                CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{0,62}$'),
    -- Keycloak's subject ("sub"); NULL until the user first logs in.
    keycloak_id     TEXT        UNIQUE,
    platform_admin  BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
COMMENT ON TABLE app_user IS 'Users synced from Keycloak; "user" is a reserved word, hence app_user.';

-- A tenant: quotas, budgets and one Kubernetes namespace belong to a group.
CREATE TABLE tenant_group (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- A DNS-1123 label, because the group's namespace name is derived from it.
    name        TEXT        NOT NULL UNIQUE
                            CHECK (name ~ '^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$'),
    namespace   TEXT        NOT NULL UNIQUE
                            CHECK (namespace ~ '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$'),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
COMMENT ON TABLE tenant_group IS
    'Tenants. Admission locks a group''s row (SELECT ... FOR UPDATE) so that concurrent reservations '
    'in one group are serialised while other groups proceed in parallel.';

CREATE TABLE membership (
    user_id      BIGINT  NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    group_id     BIGINT  NOT NULL REFERENCES tenant_group (id) ON DELETE CASCADE,
    -- Group admins manage their group's members and see its usage; platform admins set quotas.
    group_admin  BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (user_id, group_id)
);
-- The primary key serves "groups of a user"; listing a group's members needs its own index.
CREATE INDEX membership_group_idx ON membership (group_id);

-- One quota per group. Without a row the group may reserve nothing (fail closed).
CREATE TABLE group_quota (
    group_id             BIGINT PRIMARY KEY REFERENCES tenant_group (id) ON DELETE CASCADE,
    cores_millis         BIGINT CHECK (cores_millis >= 0),
    memory_bytes         BIGINT CHECK (memory_bytes >= 0),
    gpus                 BIGINT CHECK (gpus >= 0),
    clusters             INTEGER CHECK (clusters >= 0),
    workers_per_cluster  INTEGER CHECK (workers_per_cluster >= 0)
);
COMMENT ON TABLE group_quota IS 'Per-group limits on reserved resources; NULL = unlimited.';

-- Optional caps for one member inside a group, checked in addition to the group's quota.
CREATE TABLE user_cap (
    group_id      BIGINT NOT NULL,
    user_id       BIGINT NOT NULL,
    cores_millis  BIGINT CHECK (cores_millis >= 0),
    memory_bytes  BIGINT CHECK (memory_bytes >= 0),
    gpus          BIGINT CHECK (gpus >= 0),
    clusters      INTEGER CHECK (clusters >= 0),
    PRIMARY KEY (group_id, user_id),
    -- A cap only exists for a member: removing the membership removes the cap.
    FOREIGN KEY (user_id, group_id) REFERENCES membership (user_id, group_id) ON DELETE CASCADE
);

-- Monthly budgets (calendar month, UTC). NUMERIC because budgets are set in fractional hours.
CREATE TABLE group_budget (
    group_id              BIGINT PRIMARY KEY REFERENCES tenant_group (id) ON DELETE CASCADE,
    core_hours_per_month  NUMERIC(14, 3) CHECK (core_hours_per_month >= 0),
    gpu_hours_per_month   NUMERIC(14, 3) CHECK (gpu_hours_per_month >= 0)
);
COMMENT ON TABLE group_budget IS 'Monthly core-hour and GPU-hour budgets; NULL = unlimited.';

-- Tessera API tokens for the dask-gateway client. The secret is never stored: only a SHA-256
-- of the whole token. The prefix (not secret) finds the row without scanning all hashes.
CREATE TABLE api_token (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    prefix        TEXT        NOT NULL UNIQUE CHECK (length(prefix) BETWEEN 8 AND 32),
    token_sha256  BYTEA       NOT NULL CHECK (length(token_sha256) = 32),
    description   TEXT        NOT NULL DEFAULT '' CHECK (length(description) <= 200),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at    TIMESTAMPTZ,
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ,
    CHECK (expires_at IS NULL OR expires_at > created_at)
);
CREATE INDEX api_token_user_idx ON api_token (user_id);

-- A Dask cluster admitted by the gateway and the quota it holds. The reservation is the
-- cluster's maximum footprint (scheduler + max workers x worker requests), so the sum over a
-- group's ACTIVE clusters is what the group has reserved.
CREATE TABLE cluster (
    id                      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    namespace               TEXT        NOT NULL,
    name                    TEXT        NOT NULL
                                        CHECK (name ~ '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$'),
    owner_id                BIGINT      NOT NULL REFERENCES app_user (id),
    group_id                BIGINT      NOT NULL REFERENCES tenant_group (id),
    reserved_cores_millis   BIGINT      NOT NULL CHECK (reserved_cores_millis >= 0),
    reserved_memory_bytes   BIGINT      NOT NULL CHECK (reserved_memory_bytes >= 0),
    reserved_gpus           BIGINT      NOT NULL CHECK (reserved_gpus >= 0),
    reserved_workers        INTEGER     NOT NULL CHECK (reserved_workers >= 0),
    -- ACTIVE holds quota; DELETED keeps the row for usage history and holds nothing.
    state                   TEXT        NOT NULL DEFAULT 'ACTIVE' CHECK (state IN ('ACTIVE', 'DELETED')),
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at              TIMESTAMPTZ,
    CHECK ((state = 'DELETED') = (deleted_at IS NOT NULL))
);
-- One live cluster per namespace/name (Kubernetes' own identity); a deleted name may be reused.
-- This is also what makes a retried create idempotent under any interleaving.
CREATE UNIQUE INDEX cluster_live_name_uq ON cluster (namespace, name) WHERE state = 'ACTIVE';
-- Admission sums a group's (and a user's) live reservations while holding the group lock.
CREATE INDEX cluster_live_group_idx ON cluster (group_id, owner_id) WHERE state = 'ACTIVE';

-- Metered usage: one row per pod and resource shape, open (ended_at NULL) while the pod runs.
-- user_id and group_id are copied from the cluster so that reports survive cluster deletion.
CREATE TABLE usage_interval (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cluster_id    BIGINT      NOT NULL REFERENCES cluster (id),
    user_id       BIGINT      NOT NULL REFERENCES app_user (id),
    group_id      BIGINT      NOT NULL REFERENCES tenant_group (id),
    pod           TEXT        NOT NULL,
    started_at    TIMESTAMPTZ NOT NULL,
    ended_at      TIMESTAMPTZ,
    cores_millis  BIGINT      NOT NULL CHECK (cores_millis >= 0),
    memory_bytes  BIGINT      NOT NULL CHECK (memory_bytes >= 0),
    gpus          BIGINT      NOT NULL CHECK (gpus >= 0),
    CHECK (ended_at IS NULL OR ended_at >= started_at)
);
-- At most one open interval per pod: a resync after a restart closes, never duplicates.
CREATE UNIQUE INDEX usage_open_pod_uq ON usage_interval (cluster_id, pod) WHERE ended_at IS NULL;
-- Budget checks and monthly reports scan one group's intervals that overlap a month.
CREATE INDEX usage_group_time_idx ON usage_interval (group_id, started_at);
CREATE INDEX usage_user_time_idx ON usage_interval (user_id, started_at);

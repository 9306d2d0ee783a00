-- Cluster options for the dask-gateway API: per-group allowed ranges and defaults, and the
-- normalised options each cluster was created with. Same conventions as V1: CPU in millicores,
-- memory in bytes, so that options turn into exact Kubernetes quantities.

-- What members of a group may choose when they create a cluster. Without a row the gateway's
-- built-in defaults apply (see GroupOptions.DEFAULTS), so a new group works out of the box.
CREATE TABLE group_cluster_options (
    group_id                      BIGINT  PRIMARY KEY REFERENCES tenant_group (id) ON DELETE CASCADE,
    worker_cores_millis_min       BIGINT  NOT NULL CHECK (worker_cores_millis_min > 0),
    worker_cores_millis_max       BIGINT  NOT NULL,
    worker_cores_millis_default   BIGINT  NOT NULL,
    worker_memory_bytes_min       BIGINT  NOT NULL CHECK (worker_memory_bytes_min > 0),
    worker_memory_bytes_max       BIGINT  NOT NULL,
    worker_memory_bytes_default   BIGINT  NOT NULL,
    worker_gpus_min               INTEGER NOT NULL CHECK (worker_gpus_min >= 0),
    worker_gpus_max               INTEGER NOT NULL,
    worker_gpus_default           INTEGER NOT NULL,
    -- Images members may pick; empty = the operator's configured worker image, no choice.
    images                        TEXT[]  NOT NULL DEFAULT '{}',
    default_image                 TEXT,
    -- 0 = the cluster is never culled for idleness (only allowed when the minimum is 0).
    idle_timeout_seconds_min      INTEGER NOT NULL CHECK (idle_timeout_seconds_min >= 0),
    idle_timeout_seconds_max      INTEGER NOT NULL,
    idle_timeout_seconds_default  INTEGER NOT NULL,
    -- Most workers one cluster may scale or adapt to (dask-gateway's cluster_max_workers).
    max_workers                   INTEGER NOT NULL CHECK (max_workers BETWEEN 0 AND 10000),
    -- The scheduler is charged too; it is not a user choice.
    scheduler_cores_millis        BIGINT  NOT NULL CHECK (scheduler_cores_millis > 0),
    scheduler_memory_bytes        BIGINT  NOT NULL CHECK (scheduler_memory_bytes > 0),
    CHECK (worker_cores_millis_min <= worker_cores_millis_default
           AND worker_cores_millis_default <= worker_cores_millis_max),
    CHECK (worker_memory_bytes_min <= worker_memory_bytes_default
           AND worker_memory_bytes_default <= worker_memory_bytes_max),
    CHECK (worker_gpus_min <= worker_gpus_default AND worker_gpus_default <= worker_gpus_max),
    CHECK (idle_timeout_seconds_min <= idle_timeout_seconds_default
           AND idle_timeout_seconds_default <= idle_timeout_seconds_max),
    CHECK ((default_image IS NULL AND cardinality(images) = 0) OR default_image = ANY (images))
);
COMMENT ON TABLE group_cluster_options IS
    'Per-group bounds and defaults of the dask-gateway cluster options; no row = built-in defaults.';

-- The normalised options a cluster was created with through the dask-gateway API, returned in
-- its report even after it stopped. Clusters created with kubectl have no row.
CREATE TABLE cluster_options (
    cluster_id  BIGINT PRIMARY KEY REFERENCES cluster (id) ON DELETE CASCADE,
    options     TEXT   NOT NULL
);

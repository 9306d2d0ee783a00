-- Usage metering from pods (docs/gateway.md, "Usage metering and reports").
--
-- Every metered interval is one pod, identified by its Kubernetes UID: a UID is never reused, so
-- "record this pod" is one idempotent upsert keyed by pod_uid. Replays, informer resyncs, restarts
-- and several gateway replicas writing the same pod all converge on the same row (DB-level
-- idempotency instead of a single leader).

ALTER TABLE usage_interval
    -- NULL only for rows written before V5 (or by hand); the meter always sets it.
    ADD COLUMN pod_uid       TEXT,
    -- Last moment a gateway saw the pod still holding resources (gateway clock, written at most
    -- once per heartbeat period in one statement). A pod that vanished while no gateway watched
    -- is closed at this time: the only instant at which it is known to have run.
    ADD COLUMN last_seen_at  TIMESTAMPTZ,
    -- Where ended_at comes from: POD = the pod's own timestamps (final, never overwritten),
    -- LAST_SEEN = the estimate above (replaced as soon as the pod shows a real end, or reopened
    -- if the pod turns out to be still running).
    ADD COLUMN end_source    TEXT CHECK (end_source IN ('POD', 'LAST_SEEN')),
    ADD CONSTRAINT usage_end_source_only_when_ended CHECK (end_source IS NULL OR ended_at IS NOT NULL);

COMMENT ON COLUMN usage_interval.pod_uid IS 'Kubernetes UID of the metered pod; the idempotency key.';
COMMENT ON COLUMN usage_interval.last_seen_at IS 'Heartbeat: the pod was seen holding resources at this time.';
COMMENT ON COLUMN usage_interval.end_source IS 'POD: ended_at from pod timestamps; LAST_SEEN: estimated.';

-- The upsert's conflict target; also serves the heartbeat's lookup by UID.
CREATE UNIQUE INDEX usage_pod_uid_uq ON usage_interval (pod_uid) WHERE pod_uid IS NOT NULL;

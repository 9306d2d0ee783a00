-- Issue 12: a version of each cluster's reservation, bumped on every change. A writer that must
-- undo its own claim after a failed ArrayCluster write (or the reconciliation that resets the books
-- to the spec) changes the reservation only if nobody changed it since: compare-and-set on this
-- column, under the group's row lock.
ALTER TABLE cluster ADD COLUMN books_version BIGINT NOT NULL DEFAULT 0;

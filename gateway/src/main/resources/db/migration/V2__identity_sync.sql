-- Identity: what Keycloak sync needs beside V1's app_user, membership and api_token.

-- Users are never deleted (they own clusters and usage history): a user that vanished from
-- Keycloak, or was disabled there, is deactivated. Inactive users cannot authenticate with API tokens.
ALTER TABLE app_user ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
-- When the user's groups were last read from Keycloak (NULL: never, e.g. created by the admin API).
ALTER TABLE app_user ADD COLUMN synced_at TIMESTAMPTZ;

-- Who owns a membership row: 'admin' (the admin API) or 'keycloak' (sync). Sync adds, updates and
-- removes only its own rows, so memberships granted through the admin API survive every sync.
ALTER TABLE membership ADD COLUMN source TEXT NOT NULL DEFAULT 'admin' CHECK (source IN ('admin', 'keycloak'));

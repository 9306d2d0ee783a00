-- The `environment` cluster option (extra conda/pip packages) of the dask-gateway API can be
-- switched off per group. Existing groups keep working as before and gain the option, like
-- groups without a row (GroupOptions.DEFAULTS allows it).
ALTER TABLE group_cluster_options
    ADD COLUMN allow_environment BOOLEAN NOT NULL DEFAULT true;
COMMENT ON COLUMN group_cluster_options.allow_environment IS
    'Whether members may send the environment option (extra conda/pip packages built onto the image).';

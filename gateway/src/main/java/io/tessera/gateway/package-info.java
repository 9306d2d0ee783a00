/**
 * The Tessera gateway: users, groups, quotas and budgets in PostgreSQL, and atomic admission.
 * Login, the dask-gateway compatible REST API and the admission webhook build on this
 * (docs/gateway.md lists what comes next).
 */
package io.tessera.gateway;

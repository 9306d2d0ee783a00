/**
 * The Tessera gateway: login, users, groups, quotas and budgets, admission, and the
 * dask-gateway compatible REST API. Not implemented yet; see docs/ and the open issues.
 */
package io.tessera.gateway;

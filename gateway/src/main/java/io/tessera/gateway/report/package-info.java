/**
 * Monthly usage reports (per group, per user, platform-wide) from metered intervals: pure
 * arithmetic on intervals clipped to a calendar month (UTC), the database reads behind it, the
 * admin REST API (JSON and CSV) and who may read which report.
 */
package io.tessera.gateway.report;

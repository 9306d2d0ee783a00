/**
 * The dashboard proxy: {@code /clusters/<name>/...} to the scheduler's HTTP server (Bokeh dashboard,
 * its resources and WebSockets), for the cluster's owner, its group's admins and platform admins
 * (docs/gateway.md, "Dashboard proxy").
 */
package io.tessera.gateway.dashboard;

/**
 * The browser pages, JupyterHub style: visiting the gateway sends you to Keycloak and back with a
 * session; you see your clusters and manage your API tokens. Server-rendered Qute, no scripts, no
 * external assets, CSRF tokens on every form.
 */
package io.tessera.gateway.web;

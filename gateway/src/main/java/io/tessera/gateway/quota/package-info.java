/**
 * Quota and budget arithmetic without a database: exact integer resources, limits and the
 * admit/reject decision with its message. Everything here is pure and unit tested.
 */
package io.tessera.gateway.quota;

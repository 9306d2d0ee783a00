/**
 * Atomic admission: clusters and the quota they reserve, checked and changed in one transaction
 * that holds the group's row lock, and the usage figures budgets are checked against.
 */
package io.tessera.gateway.admission;

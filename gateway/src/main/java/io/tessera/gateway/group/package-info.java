/** Users, groups, memberships, quotas, caps and budgets: the tenancy data and its admin service. */
package io.tessera.gateway.group;

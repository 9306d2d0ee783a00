package io.tessera.gateway.admission;

import io.tessera.gateway.quota.Resources;

/** What a group's (or a member's) live clusters reserve together, and how many there are. */
public record Reservations(Resources reserved, long clusters) {
}

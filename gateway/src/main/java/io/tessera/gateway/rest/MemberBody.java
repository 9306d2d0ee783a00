package io.tessera.gateway.rest;

/** A membership: whether the member administers the group. */
public record MemberBody(String username, boolean groupAdmin) {
}

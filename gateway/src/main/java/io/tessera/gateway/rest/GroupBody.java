package io.tessera.gateway.rest;

import io.tessera.gateway.group.GroupEntity;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A group: its name and the namespace its clusters live in. */
public record GroupBody(
        @Schema(description = "DNS label, at most 40 characters", example = "physics") String name,
        @Schema(description = "defaults to tessera-<name>", example = "tessera-physics") String namespace) {

    public static GroupBody of(GroupEntity group) {
        return new GroupBody(group.name, group.namespace);
    }
}

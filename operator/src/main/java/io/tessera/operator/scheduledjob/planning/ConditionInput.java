package io.tessera.operator.scheduledjob.planning;

/** A condition for {@code io.tessera.operator.common.Conditions#set}. */
public record ConditionInput(String type, boolean status, String reason, String message) {
}

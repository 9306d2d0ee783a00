package io.tessera.operator.arraycluster.lifecycle;

/**
 * Why a cluster is Failed: a machine-readable reason (CamelCase, the Ready condition's reason and
 * the Warning event's reason) and a message for people.
 */
public record Failure(String reason, String message) {

    public static final String PROVISIONING_TIMEOUT = "ProvisioningTimeout";
    public static final String SCHEDULER_FAILED = "SchedulerFailed";
    public static final String SCHEDULER_RESTART_LIMIT = "SchedulerRestartLimitExceeded";
    public static final String INVALID_POD_TEMPLATE = "InvalidPodTemplate";
}

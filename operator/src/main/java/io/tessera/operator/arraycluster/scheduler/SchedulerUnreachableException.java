package io.tessera.operator.arraycluster.scheduler;

/**
 * The scheduler's HTTP API did not answer or answered with an error. The operator then waits and
 * reports it in a condition; it never acts on workers blindly.
 */
public class SchedulerUnreachableException extends Exception {

    public SchedulerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }

    public SchedulerUnreachableException(String message) {
        super(message);
    }
}

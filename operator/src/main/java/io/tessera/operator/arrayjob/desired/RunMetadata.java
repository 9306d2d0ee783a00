package io.tessera.operator.arrayjob.desired;

/**
 * What the runner learns about its run, beside the scheduler address.
 *
 * @param scheduledTime RFC 3339: the tick of a scheduled run, the request time of a manual one,
 *        the creation time of a plain ArrayJob
 * @param trigger {@code Schedule}, {@code Manual}, or {@code Direct} for an ArrayJob created by hand
 */
public record RunMetadata(String schedulerAddress, String scheduledTime, String trigger) {

    public static final String DIRECT = "Direct";
}

package io.tessera.operator.scheduledjob.planning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Names of runs. A scheduled run is {@code <scheduledjob>-<minutes since the epoch of its tick>},
 * exactly CronJob's {@code getJobName}: the name is the lock that keeps a retried or restarted
 * reconcile from creating a tick's run twice. A manual run is {@code <scheduledjob>-m<8 hex digits
 * of the SHA-256 of the run-now token>}: the same token always names the same run, and the
 * {@code m} keeps it apart from every scheduled name. Both fit 63 characters for names up to 52.
 */
public final class RunNames {

    private RunNames() {
    }

    public static String scheduled(String scheduledJob, Instant tick) {
        // Go's Unix()/60 truncates toward zero; ticks are after 1970, so plain division matches.
        return scheduledJob + "-" + tick.getEpochSecond() / 60;
    }

    public static String manual(String scheduledJob, String runNowToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(runNowToken.getBytes(StandardCharsets.UTF_8));
            return scheduledJob + "-m" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The tick a scheduled run's name encodes, if {@code run} is named like one of {@code scheduledJob}. */
    public static Optional<Instant> tickOf(String scheduledJob, String run) {
        String prefix = scheduledJob + "-";
        if (!run.startsWith(prefix)) {
            return Optional.empty();
        }
        String minutes = run.substring(prefix.length());
        if (minutes.isEmpty() || minutes.length() > 12 || !minutes.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(minutes) * 60));
    }
}

package io.tessera.gateway.options;

import java.util.List;

/**
 * What members of one group may choose for a new cluster, and what they get by default.
 *
 * @param workerMillicores CPU of each worker
 * @param workerMemoryBytes memory of each worker
 * @param workerGpus GPUs ({@code nvidia.com/gpu}) of each worker
 * @param images images members may pick; empty means no choice (the operator's worker image)
 * @param defaultImage one of {@code images}, or null when there are none
 * @param idleTimeoutSeconds idle culling; 0 means never
 * @param maxWorkers most workers one cluster may scale or adapt to (dask-gateway's cluster_max_workers)
 * @param schedulerMillicores the scheduler's CPU, charged with the cluster, not a user choice
 * @param schedulerMemoryBytes the scheduler's memory, likewise
 * @param allowEnvironment whether members may ask for extra packages (the {@code environment} option);
 *        off hides the field, e.g. for groups whose users run dask-gateway clients older than 0.8
 *        (they cannot parse a {@code mapping} field) or where builds are unwanted
 */
public record GroupOptions(Range workerMillicores, Range workerMemoryBytes, Range workerGpus, List<String> images,
                           String defaultImage, Range idleTimeoutSeconds, int maxWorkers, long schedulerMillicores,
                           long schedulerMemoryBytes, boolean allowEnvironment) {

    public static final long GI = 1L << 30;
    public static final int MAX_IMAGES = 50;
    public static final int MAX_WORKERS_LIMIT = 10_000;

    /** A group without stored options gets these: small clusters, no GPUs, culled after an idle hour. */
    public static final GroupOptions DEFAULTS = new GroupOptions(new Range(250, 8_000, 1_000),
            new Range(GI, 64 * GI, 4 * GI), new Range(0, 0, 0), List.of(), null, new Range(0, 86_400, 3_600), 100,
            1_000, 2 * GI, true);

    /** Validates every invariant the database also enforces, so an admin gets a 400 rather than a 500. */
    public GroupOptions {
        workerMillicores.checked("workerCores");
        workerMemoryBytes.checked("workerMemoryBytes");
        workerGpus.checked("workerGpus");
        idleTimeoutSeconds.checked("idleTimeoutSeconds");
        if (workerMillicores.min() == 0 || workerMemoryBytes.min() == 0) {
            throw new IllegalArgumentException("workers need some CPU and memory: workerCores.min and "
                    + "workerMemoryBytes.min must be positive");
        }
        if (workerGpus.max() > Integer.MAX_VALUE || idleTimeoutSeconds.max() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("workerGpus and idleTimeoutSeconds must fit 32-bit integers");
        }
        images = List.copyOf(images);
        if (images.size() > MAX_IMAGES || images.stream().anyMatch(i -> i.isBlank() || i.length() > 512)) {
            throw new IllegalArgumentException("images: at most " + MAX_IMAGES + " non-blank names of at most 512 characters");
        }
        if (images.size() != images.stream().distinct().count()) {
            throw new IllegalArgumentException("images must not repeat an image");
        }
        if (!images.isEmpty() && defaultImage == null) {
            // Checked apart: List.copyOf lists throw on contains(null).
            throw new IllegalArgumentException("defaultImage is required when images is not empty: one of images");
        }
        if (images.isEmpty() ? defaultImage != null : !images.contains(defaultImage)) {
            throw new IllegalArgumentException(images.isEmpty() ? "defaultImage needs images to choose from"
                    : "defaultImage must be one of images, got " + defaultImage);
        }
        if (maxWorkers < 0 || maxWorkers > MAX_WORKERS_LIMIT) {
            throw new IllegalArgumentException("maxWorkers must be between 0 and " + MAX_WORKERS_LIMIT + ", got " + maxWorkers);
        }
        if (schedulerMillicores <= 0 || schedulerMemoryBytes <= 0) {
            throw new IllegalArgumentException("schedulerCores and schedulerMemoryBytes must be positive");
        }
    }
}

package dev.voicefarm.common.fleet;

import java.util.List;
import java.util.Optional;

/**
 * The GPU-memory tiers of the job queues: how a job's {@code minVramGb} is honoured while every
 * worker still takes one record at a time from shared queues. A GPU class has one queue per kind
 * and tier; a job that asks for memory goes to the lowest tier that covers what it asks, and a
 * worker takes from every tier its card reaches. So a job never lands on a card too small for it,
 * and a big card's jobs never stand in front of a small card's. The floors are common card sizes,
 * and a card counts as its nominal size: its reported memory rounded to the whole GB (a 24 GB card
 * reports 23.99 GB, an 80 GB one 79.6 GB).
 */
public final class VramTiers {

    /** Tier floors in GB, lowest first. 0 is "any memory", the only tier of CPU classes. */
    public static final List<Integer> FLOORS_GB = List.of(0, 8, 12, 16, 24, 32, 48, 80);
    public static final int ANY = 0;

    private VramTiers() {
    }

    /** The most GPU memory a job can ask for: the top floor. */
    public static int largest() {
        return FLOORS_GB.get(FLOORS_GB.size() - 1);
    }

    /**
     * The tier a job asking for {@code minVramGb} is queued on: the lowest floor at or above it.
     *
     * @throws IllegalArgumentException when it asks for more than {@link #largest()}
     */
    public static int forJob(Optional<Double> minVramGb) {
        double gb = minVramGb.orElse(0.0);
        return FLOORS_GB.stream().filter(floor -> floor >= gb).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no queue tier holds jobs asking " + gb + " GB; the largest is " + largest() + " GB"));
    }

    /** Whether a card with {@code vramGb} of memory takes the tier's jobs. */
    public static boolean serves(double vramGb, int tier) {
        return Math.round(vramGb) >= tier;
    }
}

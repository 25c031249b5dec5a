package dev.voicefarm.gateway.routing;

import dev.voicefarm.common.fleet.HardwareClass;

/**
 * Where a job goes and why, in words the job's status shows.
 *
 * @param vramTier the GPU-memory tier of the class's queue ({@link dev.voicefarm.common.fleet.VramTiers})
 * @param worker   the worker whose own topic gets the job (cache affinity, {@link VoiceAffinity}), or
 *                 {@code null} for the class's shared queue
 */
public record Route(HardwareClass hardwareClass, int vramTier, String reason, String worker) {

    public Route(HardwareClass hardwareClass, int vramTier, String reason) {
        this(hardwareClass, vramTier, reason, null);
    }

    /** The same route to one worker's own topic, and why. */
    public Route toWorker(String workerId, String why) {
        return new Route(hardwareClass, vramTier, reason + "; " + why, workerId);
    }
}

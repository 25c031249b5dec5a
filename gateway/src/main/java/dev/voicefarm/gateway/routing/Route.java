package dev.voicefarm.gateway.routing;

import dev.voicefarm.common.fleet.HardwareClass;

/**
 * Where a job goes and why, in words the job's status shows.
 *
 * @param vramTier the GPU-memory tier of the class's queue ({@link dev.voicefarm.common.fleet.VramTiers})
 * @param worker   the worker whose own topic gets the job because it holds the job's voice, or
 *                 {@code null} for the class's shared queue
 */
public record Route(HardwareClass hardwareClass, int vramTier, String reason, String worker) {

    public Route(HardwareClass hardwareClass, int vramTier, String reason) {
        this(hardwareClass, vramTier, reason, null);
    }

    /** The same route to the worker that holds the voice. */
    public Route toWorker(String workerId, String voiceKey) {
        return new Route(hardwareClass, vramTier, reason + "; worker " + workerId + " holds voice " + voiceKey, workerId);
    }
}

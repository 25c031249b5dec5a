package dev.voicefarm.gateway.routing;

import dev.voicefarm.common.fleet.HardwareClass;

/**
 * Where a job goes and why, in words the job's status shows.
 *
 * @param vramTier the GPU-memory tier of the class's queue ({@link dev.voicefarm.common.fleet.VramTiers})
 */
public record Route(HardwareClass hardwareClass, int vramTier, String reason) {
}

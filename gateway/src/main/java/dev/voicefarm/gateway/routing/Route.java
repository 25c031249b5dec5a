package dev.voicefarm.gateway.routing;

import dev.voicefarm.common.fleet.HardwareClass;

/** Where a job goes and why, in words the job's status shows. */
public record Route(HardwareClass hardwareClass, String reason) {
}

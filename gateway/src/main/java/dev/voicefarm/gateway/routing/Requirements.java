package dev.voicefarm.gateway.routing;

import dev.voicefarm.common.fleet.HardwareClass;
import java.util.List;
import java.util.Optional;

/**
 * What a request asks of the hardware; every part is optional.
 *
 * @param classes          the classes the job may run on (a job no live class can take is queued
 *                         for the first); empty for the job kind's default
 * @param minVramGb        GPU memory the job needs on one worker
 * @param allowCpuFallback whether a CPU class may take the job when no GPU class can soon
 */
public record Requirements(List<HardwareClass> classes, Optional<Double> minVramGb, Optional<Boolean> allowCpuFallback) {

    public static final Requirements NONE = new Requirements(List.of(), Optional.empty(), Optional.empty());

    public Requirements {
        classes = List.copyOf(classes);
    }
}

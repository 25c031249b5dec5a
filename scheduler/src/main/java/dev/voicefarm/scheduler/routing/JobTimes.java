package dev.voicefarm.scheduler.routing;

import dev.voicefarm.common.fleet.HardwareClass;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long a job takes on each class, as an exponentially weighted mean of the compute times the
 * workers report, so estimated waits follow the fleet as it is now. Starts from a guess.
 */
@ApplicationScoped
public class JobTimes {

    static final double INITIAL_SECONDS = 2.0;
    private static final double WEIGHT = 0.2;

    private final Map<HardwareClass, Double> means = new EnumMap<>(HardwareClass.class);

    public synchronized void record(HardwareClass hardwareClass, double seconds) {
        means.merge(hardwareClass, seconds, (mean, sample) -> mean + WEIGHT * (sample - mean));
    }

    public synchronized double meanSeconds(HardwareClass hardwareClass) {
        return means.getOrDefault(hardwareClass, INITIAL_SECONDS);
    }
}

package dev.voicefarm.worker.hardware;

import dev.voicefarm.common.fleet.HardwareClass;
import java.util.Optional;

/**
 * How a worker learns its hardware, from FARM_WORKER_PROFILE and FARM_WORKER_CLASS: {@code probe}
 * probes this machine; {@code sim:<machine>} reads a recorded machine; a class id ({@code cpu},
 * {@code nvidia}, ...) probes this machine and pins that class. FARM_WORKER_CLASS pins in any case.
 */
public record ProfileChoice(ProbeSource source, Optional<HardwareClass> pinned) {

    public static ProfileChoice of(String profile, Optional<String> pinnedClass) {
        Optional<HardwareClass> pin = pinnedClass.map(id -> HardwareClass.fromSetting("FARM_WORKER_CLASS", id));
        if (profile.startsWith("sim:")) {
            return new ProfileChoice(new RecordedProbeSource(profile.substring(4)), pin);
        }
        if (profile.equals("probe")) {
            return new ProfileChoice(new LiveProbeSource(), pin);
        }
        HardwareClass named = HardwareClass.fromId(profile).orElseThrow(() -> new IllegalArgumentException(
                "FARM_WORKER_PROFILE=" + profile + " is not 'probe', 'sim:<machine>' or a hardware class; recorded "
                        + "machines: " + RecordedProbeSource.known()));
        return new ProfileChoice(new LiveProbeSource(), pin.or(() -> Optional.of(named)));
    }
}

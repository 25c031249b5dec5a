package dev.voicefarm.common.fleet;

import dev.voicefarm.common.voices.VoiceFamily;
import java.util.List;

/**
 * The routing table's row for one hardware class.
 *
 * @param liveWorkers          workers heartbeating now
 * @param totalSlots           jobs the live workers can run at once
 * @param freeSlots            of which idle at their last heartbeat
 * @param maxVramGb            the most GPU memory one live worker has (0 on CPU classes)
 * @param trainingWorkers      live workers allowed to train
 * @param backlog              jobs queued for this class and not started
 * @param estimatedWaitSeconds how long a new job would wait to start; {@code null} without live workers
 * @param workers              the live workers, for routing by family and by the voices they hold
 * @param meanJobSeconds       how long a job of the class takes, as the scheduler measures it
 * @param oldestWaitingSeconds how long the job of the class that has waited longest has waited; {@code null} when none waits
 */
public record ClassRoute(
        HardwareClass hardwareClass,
        int liveWorkers,
        int totalSlots,
        int freeSlots,
        double maxVramGb,
        int trainingWorkers,
        long backlog,
        Double estimatedWaitSeconds,
        List<WorkerCapacity> workers,
        double meanJobSeconds,
        Double oldestWaitingSeconds) {

    public ClassRoute {
        workers = workers == null ? List.of() : List.copyOf(workers);
    }

    /** The row without its workers: what the API shows (the voices workers hold name other tenants' voices). */
    public ClassRoute withoutWorkers() {
        return new ClassRoute(hardwareClass, liveWorkers, totalSlots, freeSlots, maxVramGb, trainingWorkers, backlog,
                estimatedWaitSeconds, List.of(), meanJobSeconds, oldestWaitingSeconds);
    }

    /** Jobs the live workers run now: the slots that are not free (a worker's free slots are its slots less its running jobs). */
    @com.fasterxml.jackson.annotation.JsonProperty
    public int runningJobs() {
        return totalSlots - freeSlots;
    }

    public boolean alive() {
        return liveWorkers > 0;
    }

    /**
     * Whether a live worker of the class runs the family on a card that reaches the tier. Every
     * worker runs the farm's own family, so for it the class's largest card decides.
     */
    public boolean serves(VoiceFamily family, int vramTier) {
        if (family == VoiceFamily.VOICEFARM) {
            return alive() && VramTiers.serves(maxVramGb, vramTier);
        }
        return workers.stream().anyMatch(w -> w.runs(family) && VramTiers.serves(w.vramGb(), vramTier));
    }
}

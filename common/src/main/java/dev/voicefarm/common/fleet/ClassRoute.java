package dev.voicefarm.common.fleet;

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
 */
public record ClassRoute(
        HardwareClass hardwareClass,
        int liveWorkers,
        int totalSlots,
        int freeSlots,
        double maxVramGb,
        int trainingWorkers,
        long backlog,
        Double estimatedWaitSeconds) {

    public boolean alive() {
        return liveWorkers > 0;
    }
}

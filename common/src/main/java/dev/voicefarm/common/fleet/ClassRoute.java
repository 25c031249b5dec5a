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
 * @param estimatedWaitSeconds backlog × mean job time ÷ slots; 0 with free slots and no backlog
 */
public record ClassRoute(
        HardwareClass hardwareClass,
        int liveWorkers,
        int totalSlots,
        int freeSlots,
        double maxVramGb,
        int trainingWorkers,
        long backlog,
        double estimatedWaitSeconds) {

    public boolean alive() {
        return liveWorkers > 0;
    }
}

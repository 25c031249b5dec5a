package dev.voicefarm.common.fleet;

/**
 * What the routing table counts of one live worker.
 *
 * @param vramGb memory of the GPU it computes on (0 on CPUs), as its limits say
 */
public record WorkerCapacity(HardwareClass hardwareClass, int slots, int freeSlots, double vramGb,
                             boolean trainingAllowed) {

    public static WorkerCapacity of(HardwareClass hardwareClass, WorkerLimits limits, int freeSlots) {
        return new WorkerCapacity(hardwareClass, limits.slots(), freeSlots, limits.vramGb(), limits.trainingAllowed());
    }

    public static WorkerCapacity of(Heartbeat heartbeat) {
        return of(heartbeat.hardwareClass(), heartbeat.limits(), heartbeat.freeSlots());
    }
}

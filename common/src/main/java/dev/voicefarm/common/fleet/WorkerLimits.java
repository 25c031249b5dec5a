package dev.voicefarm.common.fleet;

/**
 * What a worker may take on, derived from its profile and class (never from constants alone).
 *
 * @param trainingAllowed   whether the device has the memory fine-tuning needs
 * @param slots             jobs the worker runs at once on its device
 * @param synthesisBatch    sentences per synthesis batch
 * @param trainingBatch     clips per training step (0 when training is not allowed)
 * @param vramGb            memory of the GPU it computes on (0 on CPUs): which {@link VramTiers} it serves
 */
public record WorkerLimits(boolean trainingAllowed, int slots, int synthesisBatch, int trainingBatch, double vramGb) {

    /** The same limits with another slot count. */
    public WorkerLimits withSlots(int slots) {
        return new WorkerLimits(trainingAllowed, slots, synthesisBatch, trainingBatch, vramGb);
    }
}

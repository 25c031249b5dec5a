package dev.voicefarm.common.fleet;

/**
 * The class a worker joins, the device it computes on and why.
 *
 * @param device {@code cuda:0}, {@code hip:0}, {@code mps} or {@code cpu}: where DJL puts tensors
 * @param reason the rule that decided, in words an operator can act on
 */
public record ClassDecision(HardwareClass hardwareClass, String device, WorkerLimits limits, String reason) {

    /** The same decision with the operator's slot count instead of the derived one. */
    public ClassDecision withSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, got " + slots);
        }
        return new ClassDecision(hardwareClass, device,
                limits.withSlots(slots),
                reason + "; " + slots + " slot(s) set by the operator");
    }
}

package dev.voicefarm.common.kafka;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.VramTiers;
import dev.voicefarm.common.fleet.WorkerLimits;
import dev.voicefarm.common.jobs.JobKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Topic and group names. One job topic per kind × class × GPU-memory tier ({@link VramTiers}; CPU
 * classes have only tier 0); one share group per class.
 */
public final class Topics {

    /** Lifecycle events of every job, keyed by job id: the log of record. */
    public static final String EVENTS = "farm.events";

    /** Worker heartbeats, keyed by worker id: profile, class and load. */
    public static final String HEARTBEATS = "farm.heartbeats";

    /** Jobs that spent their budget ({@link dev.voicefarm.common.jobs.DeadLetter}), keyed by job id. */
    public static final String DEAD_LETTERS = "farm.dlq";

    private static final String JOB_PREFIX = "farm.";

    private Topics() {
    }

    /**
     * {@code farm.<kind>.<class>} for tier 0 (any memory), {@code farm.<kind>.<class>.vram<floor>}
     * above: for example {@code farm.synthesis.cpu}, {@code farm.training.nvidia.vram24}.
     */
    public static String jobs(JobKind kind, HardwareClass hardwareClass, int vramTier) {
        if (!tiers(hardwareClass).contains(vramTier)) {
            throw new IllegalArgumentException("class " + hardwareClass + " has no " + vramTier + " GB tier");
        }
        String topic = JOB_PREFIX + kind.id() + "." + hardwareClass.id();
        return vramTier == VramTiers.ANY ? topic : topic + ".vram" + vramTier;
    }

    /** The kind of job a job topic holds. */
    public static Optional<JobKind> kindOf(String topic) {
        return Arrays.stream(JobKind.values()).filter(kind -> topic.startsWith(JOB_PREFIX + kind.id() + ".")).findFirst();
    }

    /** The memory tiers of a class's queues: every floor on GPU classes, only tier 0 on CPU ones. */
    public static List<Integer> tiers(HardwareClass hardwareClass) {
        return hardwareClass.gpu() ? VramTiers.FLOORS_GB : List.of(VramTiers.ANY);
    }

    /** Every job topic of this class. */
    public static List<String> jobTopics(HardwareClass hardwareClass) {
        return topics(hardwareClass, List.of(JobKind.values()), tiers(hardwareClass));
    }

    /**
     * The job topics a worker consumes: only the kinds it can run (a worker that may not train
     * never takes a training job) on the memory tiers its card reaches.
     */
    public static List<String> consumedTopics(HardwareClass hardwareClass, WorkerLimits limits) {
        List<JobKind> kinds = limits.trainingAllowed() ? List.of(JobKind.values()) : List.of(JobKind.SYNTHESIS);
        List<Integer> tiers = tiers(hardwareClass).stream().filter(t -> VramTiers.serves(limits.vramGb(), t)).toList();
        return topics(hardwareClass, kinds, tiers);
    }

    private static List<String> topics(HardwareClass hardwareClass, List<JobKind> kinds, List<Integer> tiers) {
        List<String> topics = new ArrayList<>();
        for (JobKind kind : kinds) {
            tiers.forEach(tier -> topics.add(jobs(kind, hardwareClass, tier)));
        }
        return topics;
    }

    /** The share group whose members split the work of one class. */
    public static String workerShareGroup(HardwareClass hardwareClass) {
        return "farm.workers." + hardwareClass.id();
    }
}

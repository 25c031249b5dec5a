package dev.voicefarm.common.kafka;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.VramTiers;
import dev.voicefarm.common.fleet.WorkerLimits;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.jobs.JobSpec;
import dev.voicefarm.common.voices.VoiceFamily;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Topic and group names. One job topic per kind × class × GPU-memory tier ({@link VramTiers}; CPU
 * classes have only tier 0), and for synthesis in another engine family than the farm's own, one
 * more per family (only the workers that run the family read it); one share group per class. Each
 * worker also has its own synthesis topic ({@link #direct}): routing sends it the jobs for voices it
 * holds.
 */
public final class Topics {

    /** Lifecycle events of every job, keyed by job id: the log of record. */
    public static final String EVENTS = "farm.events";

    /** Worker heartbeats, keyed by worker id: profile, class and load. */
    public static final String HEARTBEATS = "farm.heartbeats";

    /** Jobs that spent their budget ({@link dev.voicefarm.common.jobs.DeadLetter}), keyed by job id. */
    public static final String DEAD_LETTERS = "farm.dlq";

    private static final String JOB_PREFIX = "farm.";

    private static final String DIRECT_INFIX = ".worker.";

    private Topics() {
    }

    /** The topic a job is published on: its worker's own when routing chose one, else {@link #jobs(JobSpec)}. */
    public static String publishedOn(JobSpec job) {
        return job.affinityWorker() == null ? jobs(job) : direct(job.hardwareClass(), job.affinityWorker());
    }

    /** The topic a job is published on when any worker of its class, tier and family may take it. */
    public static String jobs(JobSpec job) {
        return jobs(job.kind(), job.family(), job.hardwareClass(), job.vramTier());
    }

    /**
     * {@link #jobs(JobKind, HardwareClass, int)} for the farm's own family; for another family's
     * synthesis the same name with the family appended: {@code farm.synthesis.nvidia.vram8.gpt-sovits}.
     */
    public static String jobs(JobKind kind, VoiceFamily family, HardwareClass hardwareClass, int vramTier) {
        if (!carries(kind, family)) {
            throw new IllegalArgumentException("the farm trains only its own family, not " + family);
        }
        String topic = jobs(kind, hardwareClass, vramTier);
        return family == VoiceFamily.VOICEFARM ? topic : topic + "." + family.id();
    }

    /** Which kinds of job a family has queues for: every kind for the farm's own, synthesis for the others. */
    private static boolean carries(JobKind kind, VoiceFamily family) {
        return family == VoiceFamily.VOICEFARM || kind == JobKind.SYNTHESIS;
    }

    /**
     * The synthesis topic only this worker reads, {@code farm.synthesis.<class>.worker.<id>}
     * (characters a topic name cannot hold become {@code _}). When the worker leaves the fleet the
     * scheduler moves what is left there to the jobs' own topics.
     */
    public static String direct(HardwareClass hardwareClass, String workerId) {
        return directPrefix(hardwareClass) + workerId.replaceAll("[^a-zA-Z0-9._-]", "_");
    }

    /** Whether the topic is a worker's own ({@link #direct}) of this class. */
    public static boolean isDirect(String topic, HardwareClass hardwareClass) {
        return topic.startsWith(directPrefix(hardwareClass));
    }

    private static String directPrefix(HardwareClass hardwareClass) {
        return jobs(JobKind.SYNTHESIS, hardwareClass, VramTiers.ANY) + DIRECT_INFIX;
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

    /** Every shared job topic of this class, of every family. */
    public static List<String> jobTopics(HardwareClass hardwareClass) {
        return topics(hardwareClass, List.of(JobKind.values()), tiers(hardwareClass), List.of(VoiceFamily.values()));
    }

    /**
     * The job topics a worker consumes: only the kinds it can run (a worker that may not train
     * never takes a training job) on the memory tiers its card reaches.
     */
    public static List<String> consumedTopics(HardwareClass hardwareClass, WorkerLimits limits,
                                              Collection<VoiceFamily> families) {
        List<JobKind> kinds = limits.trainingAllowed() ? List.of(JobKind.values()) : List.of(JobKind.SYNTHESIS);
        List<Integer> tiers = tiers(hardwareClass).stream().filter(t -> VramTiers.serves(limits.vramGb(), t)).toList();
        return topics(hardwareClass, kinds, tiers, families);
    }

    private static List<String> topics(HardwareClass hardwareClass, List<JobKind> kinds, List<Integer> tiers,
                                       Collection<VoiceFamily> families) {
        List<String> topics = new ArrayList<>();
        for (VoiceFamily family : VoiceFamily.values()) {
            for (JobKind kind : kinds) {
                if (families.contains(family) && carries(kind, family)) {
                    tiers.forEach(tier -> topics.add(jobs(kind, family, hardwareClass, tier)));
                }
            }
        }
        return topics;
    }

    /** The share group whose members split the work of one class. */
    public static String workerShareGroup(HardwareClass hardwareClass) {
        return "farm.workers." + hardwareClass.id();
    }
}

package dev.voicefarm.bench.hol;

/**
 * One stream through one kind of queue.
 *
 * @param queue      {@code share group}, {@code consumer group} or {@code share group, memory tiers}
 * @param partitions partitions of the topic the jobs went through
 * @param mixed      whether long jobs were mixed into the short ones
 * @param lost       jobs sent but not finished by the deadline
 */
public record HolRun(String queue, int partitions, boolean mixed, int shortJobs, double shortP50Ms, double shortP99Ms,
                     double shortMaxMs, int lost) {
}

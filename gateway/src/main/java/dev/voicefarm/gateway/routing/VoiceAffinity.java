package dev.voicefarm.gateway.routing;

import dev.voicefarm.common.fleet.ClassRoute;
import dev.voicefarm.common.fleet.VramTiers;
import dev.voicefarm.common.fleet.WorkerCapacity;
import dev.voicefarm.common.voices.VoiceFamily;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Cache affinity: which worker of the chosen class a job for a voice should go to, so that a
 * worker serves the voices it holds and the class's workers hold different voices. Among the live
 * workers that run the voice's family on a card reaching the job's tier and still have room:
 * <p>room = free slots + one job queued behind each slot + the jobs its slots finish, at the class's
 * mean job time, since the routing table was made − the jobs already sent to it since then.
 * <p>The table is a heartbeat old (up to 2 s) and comes once a second; short jobs finish many times
 * in that while, so counting free slots alone sent most jobs to the shared queue and measured no
 * fewer voice switches than no affinity at all (bench/results/affinity.md). Room is a bound on
 * what waits on one worker (consistent hashing with bounded loads): a job may wait for about one job
 * of that worker's while another worker idles, and a burst for one voice spills over to the others.
 * <ol>
 * <li>one that holds the voice; of several, the one ranked highest by the rendezvous hash below, so
 *     that a voice a spill put on a second worker keeps going to the first and the copy ages out
 *     of the second's cache (with "the most room", both copies stayed hot, halving the caches);</li>
 * <li>else the voice's home: the worker with the highest rendezvous hash of voice and worker
 *     (highest random weight), so a voice no one holds is loaded where its next jobs will go, and
 *     when a worker joins or leaves only its share of the voices moves.</li>
 * </ol>
 * Empty when no worker has room: then any worker of the class may take the job.
 */
public final class VoiceAffinity {

    /** The chosen worker, and whether it holds the voice already (else it is the voice's home). */
    public record Choice(WorkerCapacity worker, boolean holds) {

        /** In the words of the job's {@code routing}. */
        public String reason(String voiceKey) {
            return "worker " + worker.workerId() + (holds ? " holds voice " : " is the home of voice ") + voiceKey;
        }
    }

    private VoiceAffinity() {
    }

    /**
     * @param sentSinceTable    jobs sent to a worker's own topic since the routing table was computed
     * @param secondsSinceTable how long ago the routing table was computed
     */
    public static Optional<Choice> choose(ClassRoute route, VoiceFamily family, int tier, String voiceKey,
                                          ToIntFunction<String> sentSinceTable, double secondsSinceTable) {
        double finishedPerSlot = route.meanJobSeconds() > 0 ? Math.max(0, secondsSinceTable) / route.meanJobSeconds() : 0;
        ToIntFunction<WorkerCapacity> room = w -> (int) Math.floor(w.freeSlots() + w.slots() * (1 + finishedPerSlot))
                - sentSinceTable.applyAsInt(w.workerId());
        List<WorkerCapacity> candidates = route.workers().stream()
                .filter(w -> w.runs(family) && VramTiers.serves(w.vramGb(), tier))
                .filter(w -> room.applyAsInt(w) > 0)
                .toList();
        Comparator<WorkerCapacity> rank = Comparator.comparingLong(w -> rendezvous(voiceKey, w.workerId()));
        Optional<WorkerCapacity> holder = candidates.stream().filter(w -> w.holds(voiceKey)).max(rank);
        if (holder.isPresent()) {
            return Optional.of(new Choice(holder.get(), true));
        }
        return candidates.stream().max(rank).map(home -> new Choice(home, false));
    }

    /** A well-mixed 64-bit hash of the pair: FNV-1a over the bytes, then SplitMix64's finaliser. */
    static long rendezvous(String voiceKey, String workerId) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : (voiceKey + '\n' + workerId).getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
        hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
        return hash ^ (hash >>> 31);
    }
}

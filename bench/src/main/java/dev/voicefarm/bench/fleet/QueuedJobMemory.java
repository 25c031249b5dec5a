package dev.voicefarm.bench.fleet;

import dev.voicefarm.bench.GatewayClient;
import dev.voicefarm.bench.RedisMemory;
import dev.voicefarm.bench.Target;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.RedisClient;

/**
 * Redis memory per queued job: jobs submitted through the gateway for a class no worker serves, so
 * they stay queued; Redis' growth divided by their number. The job text lives in Kafka, not here.
 */
public final class QueuedJobMemory {

    /** The class the jobs wait for: the bench farm has no NVIDIA worker. */
    private static final String WAITING_CLASS = "nvidia";

    /**
     * @param bytesPerJob   Redis growth per queued job (the job's hash and its backlog entry)
     * @param jobHashBytes  MEMORY USAGE of one queued job's hash
     */
    public record Footprint(int jobs, double bytesPerJob, long jobHashBytes) {
    }

    private QueuedJobMemory() {
    }

    public static Footprint measure(Target target, int jobs) throws Exception {
        GatewayClient gateway = new GatewayClient(target.gatewayUrl(), target.apiKey());
        try (RedisClient redis = target.redis()) {
            String backlog = "farm:waiting:" + WAITING_CLASS;
            long backlogBefore = redis.zcard(backlog);
            long before = RedisMemory.used(redis);
            String lastId = null;
            for (int i = 0; i < jobs; i++) {
                String body = "{\"text\":\"A sentence that waits for a GPU, number " + i + ".\",\"language\":\"en\","
                        + "\"requirements\":{\"classes\":[\"" + WAITING_CLASS + "\"]}}";
                lastId = gateway.submitAndWait(body);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (redis.zcard(backlog) < backlogBefore + jobs && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            long after = RedisMemory.used(redis);
            Footprint footprint = new Footprint(jobs, (double) (after - before) / jobs,
                    redis.memoryUsage("farm:job:" + lastId));
            System.out.printf("[queued jobs] %d jobs: %.0f bytes of Redis each (job hash %d bytes)%n",
                    jobs, footprint.bytesPerJob(), footprint.jobHashBytes());
            return footprint;
        }
    }
}

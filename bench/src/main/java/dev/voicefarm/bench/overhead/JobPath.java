package dev.voicefarm.bench.overhead;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** One way to run jobs end to end: through the farm, or straight through Kafka, S3 and Redis. */
interface JobPath extends AutoCloseable {

    String name();

    /** Starts one job; the future completes with its id once the path has accepted it. */
    CompletableFuture<String> submit();

    /** When each finished job finished ({@link System#nanoTime()}), by id. */
    Map<String, Long> finished();

    /** Ids of jobs that ended without their result. */
    Collection<String> failed();

    /** Checks the finished jobs where a user would look afterwards; returns how many are not there. */
    int unverified(Collection<String> ids) throws InterruptedException;

    @Override
    void close();
}

package dev.voicefarm.worker.queue;

import dev.voicefarm.worker.jobs.Disposition;
import dev.voicefarm.worker.jobs.JobHandler;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.jboss.logging.Logger;

/**
 * Takes jobs one at a time from a Kafka share group (KIP-932) and runs them on a compute thread.
 *
 * <p>Guarantees: a record is acknowledged only after its handler returned, so a job whose worker
 * dies comes back to the group when its acquisition lock expires. The acknowledgement is sent with
 * the next poll, right after; a worker that dies in between has its finished job delivered again,
 * which the job states absorb (its events are duplicates of a terminal state). While the handler runs, this
 * thread renews the lock at half the group's acquisition lock ({@code acquisitionLockTimeoutMs()}; the
 * configured interval until the consumer knows it): RENEW, commit, then the poll that hands the
 * record back. A renewal the broker refuses means the lock expired and the record may be another
 * worker's now: the job's compute is interrupted at once rather than left to race the new owner.
 * ACCEPT, RELEASE and REJECT follow the handler's {@link Disposition}. {@link #drain()} takes no new
 * job but lets the running one finish and be acknowledged (a worker scaled down); on {@link #stop()}
 * a running job is interrupted and RELEASEd.
 *
 * <p>Threading: {@link #run()} owns the consumer and must be called from one dedicated thread;
 * {@link #drain()} and {@link #stop()} may be called from any thread.
 */
public final class ShareGroupJobQueue implements Runnable {

    private static final Logger LOG = Logger.getLogger(ShareGroupJobQueue.class);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration STOP_CHECK = Duration.ofMillis(200);
    /** A renewal that the broker does not confirm within this is a lost lock. */
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);
    /** How long the loop waits after the broker failed a poll, so an outage does not spin it. */
    private static final Duration POLL_RETRY = Duration.ofSeconds(1);

    private final KafkaShareConsumer<String, String> consumer;
    private final Collection<String> topics;
    private final JobHandler handler;
    private final Duration renewInterval;
    private final ExecutorService compute = Executors.newSingleThreadExecutor(r -> new Thread(r, "job-compute"));
    /** False once stopped: a running job is interrupted and released. */
    private volatile boolean running = true;
    /** False once draining or stopped: no job is started, and the loop ends after the running one. */
    private volatile boolean taking = true;
    private volatile boolean polling;

    public ShareGroupJobQueue(KafkaShareConsumer<String, String> consumer, Collection<String> topics,
                              JobHandler handler, Duration renewInterval) {
        this.consumer = consumer;
        this.topics = topics;
        this.handler = handler;
        this.renewInterval = renewInterval;
        consumer.setAcknowledgementCommitCallback((offsets, error) -> {
            if (error != null) {
                LOG.warnf("acknowledgement of %s not applied: %s", offsets, error.getMessage());
            }
        });
    }

    /** True once the consumer has subscribed and polled: the worker is taking jobs. */
    public boolean isPolling() {
        return polling;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(topics);
            while (taking) {
                try {
                    ConsumerRecords<String, String> records = consumer.poll(POLL_TIMEOUT);
                    polling = true;
                    for (ConsumerRecord<String, String> record : records) {
                        process(record);
                    }
                } catch (KafkaException e) {
                    // The loop outlives any broker trouble: records it held come back after their lock.
                    LOG.warnf("job queue on %s: %s; polling again in %d ms", topics, e.getMessage(), POLL_RETRY.toMillis());
                    Thread.sleep(POLL_RETRY.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            polling = false;
            compute.shutdownNow();
            consumer.close();
        }
    }

    /**
     * Asks the loop to take no new job and end once the running one, if any, has finished and been
     * acknowledged; records fetched but not started are released at once. The caller joins the
     * loop's thread to wait for that, and calls {@link #stop()} when it will wait no longer.
     */
    public void drain() {
        taking = false;
    }

    /**
     * Asks the loop to end within about a second; a running job is interrupted and its record
     * released to the group. The caller joins the loop's thread to wait for that.
     */
    public void stop() {
        taking = false;
        running = false;
    }

    private void process(ConsumerRecord<String, String> record) throws InterruptedException {
        if (!taking) {
            acknowledge(record, AcknowledgeType.RELEASE);
            return;
        }
        int attempt = record.deliveryCount().map(Short::intValue).orElse(1);
        Future<Disposition> outcome = compute.submit(() -> handler.handle(record.topic(), record.value(), attempt));
        ConsumerRecord<String, String> held = record;
        long renewAt = System.nanoTime() + renewInterval().toNanos();
        while (running) {
            try {
                Disposition disposition = outcome.get(STOP_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                acknowledge(held, acknowledgement(disposition));
                return;
            } catch (TimeoutException e) {
                if (System.nanoTime() - renewAt >= 0) {
                    Optional<ConsumerRecord<String, String>> renewed = renew(held);
                    if (renewed.isEmpty()) {
                        outcome.cancel(true);
                        LOG.warnf("lost the lock on %s (attempt %d): its compute is stopped", coordinates(held), attempt);
                        acknowledge(held, AcknowledgeType.RELEASE);
                        return;
                    }
                    held = renewed.get();
                    renewAt = System.nanoTime() + renewInterval().toNanos();
                }
            } catch (ExecutionException e) {
                LOG.errorf(e.getCause(), "job handler failed on record %s; releasing it", coordinates(held));
                acknowledge(held, AcknowledgeType.RELEASE);
                return;
            }
        }
        outcome.cancel(true);
        acknowledge(held, AcknowledgeType.RELEASE);
        LOG.infof("stopping: released %s to the group", coordinates(held));
    }

    static AcknowledgeType acknowledgement(Disposition disposition) {
        return switch (disposition) {
            case DONE -> AcknowledgeType.ACCEPT;
            case RETRY -> AcknowledgeType.RELEASE;
            case GIVE_UP -> AcknowledgeType.REJECT;
        };
    }

    /** Half the group's acquisition lock, as the consumer's Javadoc advises, once the consumer knows it. */
    private Duration renewInterval() {
        return consumer.acquisitionLockTimeoutMs()
                .map(lockMs -> Duration.ofMillis(lockMs / 2))
                .orElse(renewInterval);
    }

    /**
     * Extends the acquisition lock. The renewed record is handed back by the next poll and must be
     * acknowledged as that instance; anything else the poll returns is released untouched. Empty
     * when the broker refused the renewal: the lock is gone.
     */
    private Optional<ConsumerRecord<String, String>> renew(ConsumerRecord<String, String> held) {
        if (!acknowledge(held, AcknowledgeType.RENEW) || !commit(held)) {
            return Optional.empty();
        }
        ConsumerRecord<String, String> renewed = held;
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ZERO)) {
            if (sameRecord(record, held)) {
                renewed = record;
            } else {
                consumer.acknowledge(record, AcknowledgeType.RELEASE);
            }
        }
        LOG.debugf("renewed the lock on %s", coordinates(held));
        return Optional.of(renewed);
    }

    /**
     * The acknowledgement travels with the next poll, which follows at once (or with close): one
     * request per job instead of two. Failures reach the commit callback. False when the consumer
     * no longer holds the record (its batch was dropped while the broker was away): the broker
     * hands it out again when its lock ends, so there is nothing left to acknowledge.
     */
    private boolean acknowledge(ConsumerRecord<String, String> record, AcknowledgeType type) {
        try {
            consumer.acknowledge(record, type);
            return true;
        } catch (IllegalStateException | KafkaException e) {
            LOG.warnf("could not %s %s: %s", type, coordinates(record), e.getMessage());
            return false;
        }
    }

    /** Commit errors come back in the result map, not as exceptions; a broker that cannot be reached fails too. */
    private boolean commit(ConsumerRecord<String, String> record) {
        Map<TopicIdPartition, Optional<KafkaException>> results;
        try {
            results = consumer.commitSync(COMMIT_TIMEOUT);
        } catch (KafkaException e) {
            LOG.warnf("acknowledgement of %s not applied: %s", coordinates(record), e.getMessage());
            return false;
        }
        List<KafkaException> errors = results.values().stream().flatMap(Optional::stream).toList();
        errors.forEach(error -> LOG.warnf("acknowledgement of %s not applied: %s", coordinates(record), error.getMessage()));
        return errors.isEmpty();
    }

    private static boolean sameRecord(ConsumerRecord<?, ?> a, ConsumerRecord<?, ?> b) {
        return a.topic().equals(b.topic()) && a.partition() == b.partition() && a.offset() == b.offset();
    }

    private static String coordinates(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}

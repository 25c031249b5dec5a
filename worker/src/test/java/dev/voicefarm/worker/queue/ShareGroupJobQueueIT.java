package dev.voicefarm.worker.queue;

import dev.voicefarm.common.kafka.JobConsumers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.testing.LocalStack;
import dev.voicefarm.worker.jobs.Disposition;
import dev.voicefarm.worker.jobs.JobHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job queue against the real Kafka broker of the test stack, each test on a topic and share
 * group of its own with a short (2 s) acquisition lock, so lock expiry is quick to observe.
 */
class ShareGroupJobQueueIT {

    private static final int LOCK_MS = 2000;

    private String topic;
    private String group;
    private final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> attempts = new LinkedBlockingQueue<>();
    private ShareGroupJobQueue queue;
    private Thread thread;

    @BeforeEach
    void createTopicAndGroup() throws Exception {
        topic = "it.jobs." + UUID.randomUUID();
        group = "it.workers." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(15, TimeUnit.SECONDS);
            ConfigResource groupResource = new ConfigResource(ConfigResource.Type.GROUP, group);
            admin.incrementalAlterConfigs(Map.of(groupResource, List.of(
                    new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry("share.record.lock.duration.ms", Integer.toString(LOCK_MS)),
                            AlterConfigOp.OpType.SET)))).all().get(15, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void stopQueue() throws InterruptedException {
        if (queue != null) {
            queue.stop();
            thread.join(10_000);
        }
    }

    private void start(JobHandler handler, Duration renewInterval) {
        queue = new ShareGroupJobQueue(JobConsumers.oneAtATime(LocalStack.kafkaBootstrapServers(), group, "it"),
                List.of(topic), handler, renewInterval);
        thread = new Thread(queue, "it-job-queue");
        thread.start();
    }

    /** One queue of the test's group under a worker's {@link JobQueues}, which ends it as a worker does. */
    private JobQueues queues(JobHandler handler, Duration renewInterval) {
        JobQueues queues = new JobQueues();
        queues.start(new ShareGroupJobQueue(JobConsumers.oneAtATime(LocalStack.kafkaBootstrapServers(), group, "it"),
                List.of(topic), handler, renewInterval), "it-queues");
        return queues;
    }

    private void produce(String... values) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value, value)).get(15, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void eachJobIsHandledOnceWhenItSucceeds() throws Exception {
        start((topic, payload, attempt) -> {
            delivered.add(payload);
            return Disposition.DONE;
        }, Duration.ofMillis(500));
        produce("a", "b", "c");
        for (int i = 0; i < 3; i++) {
            assertTrue(delivered.poll(30, TimeUnit.SECONDS) != null, "job " + i + " not delivered");
        }
        assertEquals(null, delivered.poll(3 * LOCK_MS, TimeUnit.MILLISECONDS), "a finished job came back");
    }

    @Test
    void releasedJobComesBackWithTheNextAttemptNumber() throws Exception {
        start((topic, payload, attempt) -> {
            attempts.add(attempt);
            return attempt < 2 ? Disposition.RETRY : Disposition.DONE;
        }, Duration.ofMillis(500));
        produce("retry-me");
        assertEquals(1, attempts.poll(30, TimeUnit.SECONDS));
        assertEquals(2, attempts.poll(30, TimeUnit.SECONDS));
        assertEquals(null, attempts.poll(3 * LOCK_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    void jobLongerThanTheLockIsRenewedNotRedelivered() throws Exception {
        start((topic, payload, attempt) -> {
            attempts.add(attempt);
            Thread.sleep(3L * LOCK_MS);
            return Disposition.DONE;
        }, Duration.ofMillis(LOCK_MS / 4));
        produce("long");
        assertEquals(1, attempts.poll(30, TimeUnit.SECONDS));
        assertEquals(null, attempts.poll(5L * LOCK_MS, TimeUnit.MILLISECONDS), "the job was delivered twice");
    }

    @Test
    void jobOfAStoppedWorkerGoesToAnotherWorker() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        start((topic, payload, attempt) -> {
            started.countDown();
            Thread.sleep(60_000);
            return Disposition.DONE;
        }, Duration.ofMillis(500));
        produce("handover");
        assertTrue(started.await(30, TimeUnit.SECONDS));
        queue.stop();
        thread.join(10_000);

        start((topic, payload, attempt) -> {
            attempts.add(attempt);
            return Disposition.DONE;
        }, Duration.ofMillis(500));
        assertEquals(2, attempts.poll(30, TimeUnit.SECONDS));
    }

    @Test
    void drainedQueueFinishesItsJobAndStartsNoOther() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        JobQueues queues = queues((topic, payload, attempt) -> {
            delivered.add(payload);
            started.countDown();
            // Longer than the lock: the drained queue keeps renewing it until the job is done.
            Thread.sleep(3L * LOCK_MS);
            return Disposition.DONE;
        }, Duration.ofMillis(LOCK_MS / 4));
        produce("first", "second");
        assertTrue(started.await(30, TimeUnit.SECONDS));
        assertTrue(queues.close(Duration.ofSeconds(30)), "the running job did not finish within the drain");
        assertEquals(List.of("first"), List.copyOf(delivered), "the draining queue started another job");

        // The finished job was acknowledged on close; only the job never started is left for the group.
        start((topic, payload, attempt) -> {
            delivered.add(payload);
            return Disposition.DONE;
        }, Duration.ofMillis(500));
        assertEquals("first", delivered.poll());
        assertEquals("second", delivered.poll(30, TimeUnit.SECONDS));
        assertEquals(null, delivered.poll(3L * LOCK_MS, TimeUnit.MILLISECONDS), "the drained job came back");
    }

    @Test
    void drainPastItsDeadlineReleasesTheRunningJob() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        JobQueues queues = queues((topic, payload, attempt) -> {
            started.countDown();
            Thread.sleep(60_000);
            return Disposition.DONE;
        }, Duration.ofMillis(500));
        produce("too-long");
        assertTrue(started.await(30, TimeUnit.SECONDS));
        assertEquals(false, queues.close(Duration.ofSeconds(1)), "a 60 s job finished within a 1 s drain");

        start((topic, payload, attempt) -> {
            attempts.add(attempt);
            return Disposition.DONE;
        }, Duration.ofMillis(500));
        assertEquals(2, attempts.poll(30, TimeUnit.SECONDS), "the released job was not delivered again");
    }
}

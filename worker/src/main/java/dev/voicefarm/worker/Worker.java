package dev.voicefarm.worker;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.kafka.KafkaTopology;
import dev.voicefarm.common.kafka.Topics;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.storage.ObjectKeys;
import dev.voicefarm.common.storage.S3Settings;
import dev.voicefarm.worker.engine.EspeakEngine;
import dev.voicefarm.worker.jobs.EventPublisher;
import dev.voicefarm.worker.jobs.SynthesisHandler;
import dev.voicefarm.worker.queue.ShareGroupJobQueue;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * The worker's life: at start-up it makes sure its topics and buckets exist, then takes jobs of its
 * hardware class from the class's share group until shut down. Ready once it is polling.
 */
@ApplicationScoped
@Readiness
public class Worker implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(Worker.class);
    private static final long STOP_WAIT_MILLIS = 10_000;

    private final WorkerConfig config;
    private ArtifactStore store;
    private EventPublisher events;
    private ShareGroupJobQueue queue;
    private Thread queueThread;

    public Worker(WorkerConfig config) {
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        HardwareClass hardwareClass = hardwareClass(config.worker().profile());
        String bootstrap = config.kafka().bootstrapServers();
        new KafkaTopology(bootstrap, config.kafka().jobPartitions(), config.kafka().eventPartitions())
                .ensure(List.of(hardwareClass));
        store = new ArtifactStore(new S3Settings(config.s3().endpoint(), config.s3().endpoint(),
                config.s3().accessKey(), config.s3().secretKey(), config.s3().region()));
        store.ensureBuckets();
        events = new EventPublisher(bootstrap, config.worker().id());
        SynthesisHandler handler = new SynthesisHandler(
                new EspeakEngine("espeak-ng"),
                (key, wav) -> store.put(ObjectKeys.ARTIFACTS_BUCKET, key, wav, "audio/wav"),
                events::publish,
                config.worker().id(),
                config.worker().maxAttempts());
        List<String> topics = Topics.jobTopics(hardwareClass);
        queue = new ShareGroupJobQueue(shareConsumer(bootstrap, hardwareClass), topics, handler,
                config.worker().lockRenewInterval());
        queueThread = new Thread(queue, "job-queue");
        queueThread.start();
        LOG.infof("worker %s serves class %s from %s", config.worker().id(), hardwareClass, topics);
    }

    void stop(@Observes ShutdownEvent shutdown) throws Exception {
        if (queue != null) {
            queue.stop();
            queueThread.join(STOP_WAIT_MILLIS);
        }
        if (events != null) {
            events.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("job-queue").status(queue != null && queue.isPolling()).build();
    }

    static HardwareClass hardwareClass(String profile) {
        return HardwareClass.fromId(profile).orElseThrow(() -> new IllegalArgumentException(
                "FARM_WORKER_PROFILE=" + profile + " is not a hardware class; use one of nvidia, amd, apple-cpu, cpu"));
    }

    private KafkaShareConsumer<String, String> shareConsumer(String bootstrap, HardwareClass hardwareClass) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, Topics.workerShareGroup(hardwareClass));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.worker().id());
        props.put("share.acknowledgement.mode", "explicit");
        // One job at a time: the worker never holds records it is not computing.
        props.put("share.acquire.mode", "record_limit");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        return new KafkaShareConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}

package dev.voicefarm.scheduler.fleet;

import dev.voicefarm.common.fleet.ReceivedHeartbeat;
import dev.voicefarm.common.kafka.Topics;
import dev.voicefarm.common.state.FleetStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the fleet registry (Redis, for the gateway) and the scheduler's {@link LiveFleet} from
 * {@code farm.heartbeats}, a polled batch at a time: one Redis round trip per batch, not two per
 * heartbeat. A plain consumer on its own thread, not a reactive-messaging channel: 10,000 workers
 * send 5,000 heartbeats a second, and per-message machinery cost more than the work
 * (bench/results/farm-profile.md). Only the newest heartbeats matter, so a restarted scheduler starts at the end
 * of the topic. A heartbeat that cannot be stored is dropped: the next arrives within seconds, and a
 * worker whose heartbeats stop leaves the fleet after three intervals.
 */
@ApplicationScoped
public class HeartbeatConsumer implements Runnable {

    private static final Logger LOG = Logger.getLogger(HeartbeatConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

    private final FleetStore registry;
    private final LiveFleet live;
    private final String bootstrapServers;
    private KafkaConsumer<String, String> consumer;
    private Thread thread;

    public HeartbeatConsumer(FleetStore registry, LiveFleet live,
                             @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.registry = registry;
        this.live = live;
        this.bootstrapServers = bootstrapServers;
    }

    /** After the topology initializer, which observes start-up at the default priority (APPLICATION + 500). */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent startup) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "farm-scheduler-fleet");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.HEARTBEATS));
        thread = new Thread(this, "heartbeats");
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (thread != null) {
            consumer.wakeup();
            thread.join(10_000);
        }
    }

    @Override
    public void run() {
        try {
            while (true) {
                record(consumer.poll(POLL_TIMEOUT));
            }
        } catch (WakeupException e) {
            LOG.debug("heartbeat consumer stopped");
        } catch (RuntimeException e) {
            LOG.errorf(e, "heartbeat consumer failed; the fleet is no longer updated");
        } finally {
            consumer.close();
        }
    }

    private void record(ConsumerRecords<String, String> records) {
        if (records.isEmpty()) {
            return;
        }
        List<ReceivedHeartbeat> heartbeats = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                heartbeats.add(ReceivedHeartbeat.parse(record.value()));
            } catch (RuntimeException e) {
                LOG.warnf("heartbeat from %s not recorded: %s", record.key(), e.getMessage());
            }
        }
        try {
            List<ReceivedHeartbeat> recorded = registry.record(heartbeats);
            live.record(recorded);
            recorded.stream().filter(ReceivedHeartbeat::leaving).forEach(h ->
                    LOG.infof("worker %s left the fleet (class %s)", h.workerId(), h.capacity().hardwareClass()));
        } catch (RuntimeException e) {
            LOG.warnf("%d heartbeats not recorded: %s", heartbeats.size(), e.getMessage());
        }
    }
}

package dev.voicefarm.bench.fleet;

import dev.voicefarm.common.fleet.ClassDecision;
import dev.voicefarm.common.fleet.HardwareProfile;
import dev.voicefarm.common.fleet.Heartbeat;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.kafka.Topics;
import dev.voicefarm.worker.hardware.ClassRules;
import dev.voicefarm.worker.hardware.HardwareProbe;
import dev.voicefarm.worker.hardware.RecordedProbeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A load generator, not workers: heartbeats on {@code farm.heartbeats} for any number of simulated
 * workers, each every interval, spread evenly over the interval. Every worker is one of the
 * recorded machines, described and classed by the worker's own probe and rules, so the messages
 * are the ones a real fleet sends.
 */
final class SimulatedFleet implements AutoCloseable {

    private static final long TICK_MILLIS = 20;

    private final List<Machine> machines;
    private final Duration interval;
    private final long ticksPerInterval;
    private final KafkaProducer<String, String> producer;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "simulated-fleet"));
    private final Instant startedAt = Instant.now();
    private final AtomicLong sent = new AtomicLong();
    private volatile int workers;
    private long tick;

    private record Machine(HardwareProfile profile, ClassDecision decision) {
    }

    SimulatedFleet(String bootstrap, Duration interval) {
        this.interval = interval;
        this.ticksPerInterval = interval.toMillis() / TICK_MILLIS;
        HardwareProbe probe = new HardwareProbe();
        ClassRules rules = new ClassRules(Optional.empty(), false, 6);
        this.machines = Arrays.stream(RecordedProbeSource.known().split(" "))
                .map(name -> probe.probe(new RecordedProbeSource(name)))
                .map(profile -> new Machine(profile, rules.decide(profile)))
                .toList();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        timer.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** From now on, heartbeats for workers {@code sim-0 .. sim-(count-1)}. */
    void resize(int count) {
        workers = count;
    }

    long heartbeatsSent() {
        return sent.get();
    }

    /** Stops sending; the simulated workers leave the fleet when their heartbeats expire. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }

    /** Each tick sends the workers whose index falls on it: every worker once per interval. */
    private void tick() {
        int count = workers;
        long slot = tick++ % ticksPerInterval;
        Instant now = Instant.now();
        for (long i = slot; i < count; i += ticksPerInterval) {
            Machine machine = machines.get((int) (i % machines.size()));
            ClassDecision decision = machine.decision();
            String id = "sim-" + i;
            int running = (int) (i % (decision.limits().slots() + 1));
            Heartbeat heartbeat = new Heartbeat(id, decision.hardwareClass(), decision.device(), decision.reason(),
                    machine.profile(), decision.limits(), running, decision.limits().slots() - running, 1024,
                    startedAt, now, interval, false, null, null, 0);
            producer.send(new ProducerRecord<>(Topics.HEARTBEATS, id, Json.encode(heartbeat)));
            sent.incrementAndGet();
        }
    }
}

package dev.voicefarm.testinfra;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The three containers, defined (not started). Each listens on loopback at the port ./farm gives
 * the local process it replaces, bound by hand rather than Testcontainers' random port: a
 * container stopped and started again by a fault test comes back at the same address, as the
 * process would, and the apps started before it never need another one.
 */
final class InfraContainers {

    private static final int KAFKA = 9092;
    private static final int REDIS = 6379;
    private static final int MINIO = 9000;

    private InfraContainers() {
    }

    static Map<InfraService, GenericContainer<?>> define(InfraSettings settings, Map<InfraService, String> images,
                                                         Map<String, String> brokerEnvironment) {
        Map<InfraService, GenericContainer<?>> containers = new LinkedHashMap<>();
        containers.put(InfraService.KAFKA, bind(new KafkaContainer(images.get(InfraService.KAFKA))
                .withEnv(brokerEnvironment), KAFKA, settings.kafkaPort()));
        // The same server flags as ./farm's redis-server and docker-compose.yml's.
        containers.put(InfraService.REDIS, bind(new GenericContainer<>(images.get(InfraService.REDIS))
                .withExposedPorts(REDIS)
                .withCommand("redis-server", "--requirepass", settings.redisPassword(), "--appendonly", "yes",
                        "--save", "", "--hash-max-listpack-value", "256")
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1)), REDIS, settings.redisPort()));
        containers.put(InfraService.S3, bind(new MinIOContainer(images.get(InfraService.S3))
                .withUserName(settings.s3AccessKey()).withPassword(settings.s3SecretKey()), MINIO, settings.s3Port()));
        containers.values().forEach(c -> c.withStartupTimeout(Duration.ofMinutes(3)));
        return containers;
    }

    private static <T extends GenericContainer<?>> T bind(T container, int containerPort, int hostPort) {
        container.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", hostPort), new ExposedPort(containerPort))));
        return container;
    }
}

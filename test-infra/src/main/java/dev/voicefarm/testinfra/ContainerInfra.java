package dev.voicefarm.testinfra;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * Kafka, Redis and MinIO in containers for the farm's tests, in place of the local processes
 * ({@code FARM_TEST_INFRA=containers ./farm test}); settings from ./farm's environment
 * ({@link InfraSettings}).
 * <ul>
 * <li>{@code up}: starts the three and holds them until this process ends (SIGTERM from ./farm
 *     stops them; Testcontainers' reaper removes them if it dies);</li>
 * <li>{@code stop SERVICE} / {@code start SERVICE}: stops or starts one of them, as {@code ./farm
 *     stop kafka} and {@code ./farm up} do for a process (the fault tests use both);</li>
 * <li>{@code status}: one line per service, running or stopped.</li>
 * </ul>
 * Exit status 3: no Docker engine, said in one line.
 */
public final class ContainerInfra {

    static final int NO_DOCKER = 3;

    private ContainerInfra() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || !List.of("up", "stop", "start", "status").contains(args[0])
                || (args[0].equals("stop") || args[0].equals("start")) != (args.length == 2)) {
            err.println("usage: voicefarm-test-infra up | stop SERVICE | start SERVICE | status   (SERVICE: kafka, redis, s3)");
            return 2;
        }
        InfraSettings settings;
        try {
            settings = InfraSettings.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            err.println("voicefarm-test-infra: " + e.getMessage());
            return 2;
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            err.println("voicefarm-test-infra: Testcontainers finds no Docker engine (DOCKER_HOST, /var/run/docker.sock):"
                    + " FARM_INFRA=containers (FARM_TEST_INFRA for ./farm test) needs one; without it, leave them unset and ./farm runs"
                    + " Kafka, Redis and S3 as local processes");
            return NO_DOCKER;
        }
        return switch (args[0]) {
            case "up" -> up(settings, out);
            case "status" -> status(settings, out);
            default -> control(settings, args[0], InfraService.fromId(args[1]), out);
        };
    }

    private static int up(InfraSettings settings, PrintStream out) throws Exception {
        Map<InfraService, GenericContainer<?>> containers = InfraContainers.define(settings,
                ComposeImages.read(settings.compose()), BrokerSettings.environment(settings.brokerTemplate(), settings.lockMs()));
        List<GenericContainer<?>> started = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach(GenericContainer::stop), "containers-stop"));
        Map<InfraService, String> ids = new LinkedHashMap<>();
        for (Map.Entry<InfraService, GenericContainer<?>> entry : containers.entrySet()) {
            GenericContainer<?> container = entry.getValue();
            container.start();
            started.add(container);
            ids.put(entry.getKey(), container.getContainerId());
            out.printf("%s ready: %s, container %s%n", entry.getKey().id(), container.getDockerImageName(),
                    container.getContainerId().substring(0, 12));
        }
        ContainerState.write(settings.stateFile(), ids);
        out.println("containers up; held until this process ends");
        new CountDownLatch(1).await();
        return 0;
    }

    private static int control(InfraSettings settings, String command, InfraService service, PrintStream out) throws IOException {
        String id = ContainerState.read(settings.stateFile()).get(service);
        if (id == null) {
            throw new IllegalStateException("no container for " + service.id() + " in " + settings.stateFile() + ": is 'up' running?");
        }
        DockerClient docker = DockerClientFactory.instance().client();
        boolean running = Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning());
        if (command.equals("stop") && running) {
            docker.stopContainerCmd(id).withTimeout(20).exec();
            out.println(service.id() + " stopped (container " + id.substring(0, 12) + ")");
        } else if (command.equals("start") && !running) {
            docker.startContainerCmd(id).exec();
            out.println(service.id() + " started (container " + id.substring(0, 12) + ")");
        }
        return 0;
    }

    private static int status(InfraSettings settings, PrintStream out) throws IOException {
        DockerClient docker = DockerClientFactory.instance().client();
        for (Map.Entry<InfraService, String> entry : ContainerState.read(settings.stateFile()).entrySet()) {
            boolean running = Boolean.TRUE.equals(docker.inspectContainerCmd(entry.getValue()).exec().getState().getRunning());
            out.println(entry.getKey().id() + " " + (running ? "running" : "stopped") + " " + entry.getValue().substring(0, 12));
        }
        return 0;
    }

    /** The state file: one line per service, {@code <service> <container id>}. */
    static final class ContainerState {

        private ContainerState() {
        }

        static void write(Path file, Map<InfraService, String> ids) throws IOException {
            Files.createDirectories(file.getParent());
            StringBuilder text = new StringBuilder();
            ids.forEach((service, id) -> text.append(service.id()).append(' ').append(id).append('\n'));
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }

        static Map<InfraService, String> read(Path file) throws IOException {
            Map<InfraService, String> ids = new LinkedHashMap<>();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    String[] words = line.trim().split("\\s+");
                    if (words.length == 2) {
                        ids.put(InfraService.fromId(words[0]), words[1]);
                    }
                }
            }
            return ids;
        }
    }
}

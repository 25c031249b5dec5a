package dev.voicefarm.worker.engine.gptsovits;

import dev.voicefarm.worker.hardware.GpuProcessMemory;
import dev.voicefarm.worker.hardware.LiveProbeSource;
import dev.voicefarm.worker.engine.EngineException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One GPT-SoVITS {@code api_v2.py} server, run as GPT-SoVITS documents it:
 * {@code <python> api_v2.py -a 127.0.0.1 -p <port> -c <config>} in the install's folder.
 *
 * <p>Each process gets its own copy of the install's config, made afresh at every start: api_v2
 * writes the paths of the weights it last loaded back into its config file, so processes sharing
 * one file would overwrite each other's, and a restarted process would come up with whatever voice
 * was switched to last (or fail to start, when that switch had failed). Its output goes to
 * {@code <cache-dir>/logs/api_v2-<slot>.log}; the previous run's log is kept as {@code .log.1}.
 */
final class ApiV2Process implements ServerProcess {

    private static final Logger LOG = Logger.getLogger(ApiV2Process.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** Long enough for a serial server that is idle; a health check that waits longer finds it busy or hung. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final int LOG_TAIL_LINES = 15;
    private static final GpuProcessMemory GPU_MEMORY = new GpuProcessMemory(new LiveProbeSource());

    private final int slot;
    private final GptSovitsSettings settings;
    private final ApiV2Client client;
    private final Path config;
    private final Path log;
    private final Path pidFile;
    private volatile Process process;

    ApiV2Process(int slot, GptSovitsSettings settings, HttpClient http) {
        this.slot = slot;
        this.settings = settings;
        this.client = new ApiV2Client(http, settings.port(slot), settings.requestTimeout());
        this.config = settings.cacheDir().resolve("processes").resolve(Integer.toString(slot)).resolve("tts_infer.yaml");
        this.log = settings.cacheDir().resolve("logs").resolve("api_v2-" + slot + ".log");
        this.pidFile = config.resolveSibling("api_v2.pid");
    }

    @Override
    public int slot() {
        return slot;
    }

    @Override
    public void start() throws InterruptedException {
        int port = settings.port(slot);
        Path install = settings.install();
        if (!Files.isRegularFile(install.resolve("api_v2.py"))) {
            throw new EngineException("no api_v2.py in " + install + ": the GPT-SoVITS install dir must be its checkout", false);
        }
        stopLeftover();
        if (portTaken(port)) {
            // Whatever listens there would answer our readiness checks in our process's place.
            throw new EngineException("port " + port + " is already taken (an api_v2 left running by an earlier worker?);"
                    + " GPT-SoVITS process " + slot + " cannot start", false);
        }
        Process started = launch(install, port);
        process = started;
        writePid(started);
        try {
            awaitAnswer(started, port);
        } catch (InterruptedException | RuntimeException e) {
            // Never left running unsupervised: a process that is not ready is not ours to keep.
            started.descendants().forEach(ProcessHandle::destroyForcibly);
            started.destroyForcibly();
            throw e;
        }
    }

    private void awaitAnswer(Process started, int port) throws InterruptedException {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                throw new EngineException("GPT-SoVITS process %d exited with %d before it answered; %s ends:%n%s"
                        .formatted(slot, started.exitValue(), log, logTail()), false);
            }
            if (client.answers(POLL.multipliedBy(20))) {
                LOG.debugf("GPT-SoVITS process %d (pid %d) answers on port %d", slot, started.pid(), port);
                return;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new EngineException("GPT-SoVITS process %d did not answer on port %d within %d s; %s ends:%n%s"
                .formatted(slot, port, settings.startTimeout().toSeconds(), log, logTail()), false);
    }

    private Process launch(Path install, int port) {
        List<String> command = List.of(settings.python(), "api_v2.py", "-a", "127.0.0.1", "-p", Integer.toString(port),
                "-c", config.toAbsolutePath().toString());
        try {
            Files.createDirectories(config.getParent());
            if (Files.exists(settings.installConfig())) {
                Files.copy(settings.installConfig(), config, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // A fresh install has none yet: api_v2 writes its defaults where -c points.
                Files.deleteIfExists(config);
            }
            Files.createDirectories(log.getParent());
            if (Files.exists(log)) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(install.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> environment = builder.environment();
            environment.put("PYTHONUNBUFFERED", "1");
            environment.putAll(settings.environment());
            return builder.start();
        } catch (IOException e) {
            throw new EngineException("cannot start GPT-SoVITS process %d (%s in %s): %s"
                    .formatted(slot, String.join(" ", command), install, e.getMessage()), false);
        }
    }

    /**
     * A worker killed outright (SIGKILL, OOM killer) leaves its api_v2 processes running, holding
     * their ports and GPU memory; the next worker on this cache dir finds them by their pid files and
     * stops them, if the pid is still an api_v2 (a pid may have been reused).
     */
    private void stopLeftover() throws InterruptedException {
        Optional<ProcessHandle> leftover;
        try {
            leftover = Files.exists(pidFile)
                    ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            leftover = Optional.empty();
        }
        Optional<ProcessHandle> apiV2 = leftover.filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("api_v2.py")).orElse(false));
        if (apiV2.isPresent()) {
            LOG.warnf("GPT-SoVITS process %d: stopping pid %d, left running by an earlier worker", slot, apiV2.get().pid());
            ProcessTree.destroy(apiV2.get(), STOP_GRACE);
        }
    }

    private void writePid(Process started) {
        try {
            Files.writeString(pidFile, Long.toString(started.pid()));
        } catch (IOException e) {
            LOG.warnf("GPT-SoVITS process %d: pid file %s not written (%s); a killed worker would leave it running",
                    slot, pidFile, e.getMessage());
        }
    }

    private static boolean portTaken(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void stop() throws InterruptedException {
        Process running = process;
        if (running != null) {
            ProcessTree.destroy(running.toHandle(), STOP_GRACE);
        }
    }

    @Override
    public boolean isAlive() {
        Process running = process;
        return running != null && running.isAlive();
    }

    @Override
    public boolean answers() throws InterruptedException {
        return isAlive() && client.answers(PROBE_TIMEOUT);
    }

    @Override
    public long rssMb() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return -1;
        }
        long kb = ProcessTree.rssKb(running.toHandle());
        return kb < 0 ? -1 : kb / 1024;
    }

    @Override
    public long gpuMb() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return -1;
        }
        return GPU_MEMORY.usedMb(ProcessTree.withDescendants(running.toHandle()).map(ProcessHandle::pid).toList());
    }

    @Override
    public long pid() {
        Process running = process;
        return running != null && running.isAlive() ? running.pid() : -1;
    }

    @Override
    public ApiV2Client client() {
        return client;
    }

    @Override
    public String toString() {
        return "GPT-SoVITS process " + slot + " (" + client + ")";
    }
}

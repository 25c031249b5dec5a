package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The processes of the test stack that {@code ./farm test} started, for fault tests: signals to a
 * service's real process (from its pid file), and {@code ./farm stop} / {@code ./farm up} on the
 * same stack (FARM_HOME and the ports come from the environment ./farm test exported).
 */
final class TestStack {

    private TestStack() {
    }

    /** The service of the worker with this id, e.g. {@code worker-3}. */
    static String workerService(String workerId) {
        List<String> words = Arrays.asList(System.getenv("FARM_WORKERS").trim().split("\\s+"));
        for (int i = 0; i < words.size(); i++) {
            if (workerId.equals(workerId(i, words.get(i)))) {
                return "worker-" + i;
            }
        }
        throw new IllegalArgumentException("no worker " + workerId + " in FARM_WORKERS " + words);
    }

    /** The id ./farm gives the worker of the FARM_WORKERS word at this index: the profile's, without +gpt-sovits. */
    static String workerId(int index, String word) {
        return "worker-" + index + "-" + word.replaceFirst("\\+.*", "").replace(':', '-');
    }

    static ProcessHandle process(String service) throws IOException {
        long pid = Long.parseLong(Files.readString(Path.of(System.getenv("FARM_HOME"), "run", service + ".pid")).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(service + " (pid " + pid + ") is not running"));
    }

    static void kill9(String service) throws Exception {
        ProcessHandle process = process(service);
        process.destroyForcibly();
        process.onExit().get();
    }

    static void signal(String service, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(process(service).pid()))
                .inheritIO().start().waitFor(), "kill -" + signal + " " + service);
    }

    /** {@code ./farm stop <service>}: SIGTERM, and waits until it is gone. */
    static void stop(String service) throws Exception {
        farm("stop", service);
    }

    /** {@code ./farm up} without building: starts whatever is not running and waits for the whole fleet. */
    static void up() throws Exception {
        farm("up");
    }

    private static void farm(String... args) throws Exception {
        ProcessBuilder command = new ProcessBuilder(concat(Path.of(System.getenv("FARM_REPO"), "farm").toString(), args))
                .inheritIO();
        command.environment().put("FARM_BUILD", "0");
        command.environment().put("FARM_SMOKE", "0");
        assertEquals(0, command.start().waitFor(), "./farm " + String.join(" ", args));
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}

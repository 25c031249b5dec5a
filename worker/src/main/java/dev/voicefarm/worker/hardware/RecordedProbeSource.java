package dev.voicefarm.worker.hardware;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Another machine, from its recorded probe outputs under {@code hardware/<name>/} on the class
 * path: {@code system.properties}, the vendor tools' outputs named by {@link ProbeCommand#recording()}
 * (a tool without a file is "not installed"), and {@code kfd-node-<n>.properties}.
 */
public final class RecordedProbeSource implements ProbeSource {

    private final String machine;

    public RecordedProbeSource(String machine) {
        if (!machine.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("recorded hardware names are lower-case letters, digits and '-': " + machine);
        }
        this.machine = machine;
        if (read("system.properties") == null) {
            throw new IllegalArgumentException("no recorded hardware named '" + machine + "'; known: " + known());
        }
    }

    /** The names of the recorded machines shipped with the worker. */
    public static String known() {
        String index = readResource("hardware/index.txt");
        return index == null ? "(none)" : index.strip().replace('\n', ' ');
    }

    @Override
    public String name() {
        return "sim:" + machine;
    }

    @Override
    public Output run(ProbeCommand command) {
        String text = read(command.recording());
        return text == null ? Output.failed(command.commandLine().get(0) + " is not installed") : Output.of(text);
    }

    @Override
    public List<String> kfdNodes() {
        List<String> nodes = new ArrayList<>();
        for (int n = 0; ; n++) {
            String node = read("kfd-node-" + n + ".properties");
            if (node == null) {
                return nodes;
            }
            nodes.add(node);
        }
    }

    @Override
    public Properties system() {
        Properties system = new Properties();
        try {
            system.load(new StringReader(read("system.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return system;
    }

    private String read(String file) {
        return readResource("hardware/" + machine + "/" + file);
    }

    private static String readResource(String path) {
        try (InputStream in = RecordedProbeSource.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

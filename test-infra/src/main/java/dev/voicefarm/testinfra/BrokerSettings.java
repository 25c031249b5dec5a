package dev.voicefarm.testinfra;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The local broker's settings (deploy/local/kafka-server.properties, the one place they are
 * written) as the apache/kafka image reads them: {@code KAFKA_} and the name in capitals with dots
 * as underscores. The node's own layout (roles, listeners, data directory) is the container's.
 */
final class BrokerSettings {

    /** What Testcontainers' KafkaContainer and the image set for their single node. */
    private static final Set<String> NODE_LAYOUT = Set.of("process.roles", "node.id", "controller.quorum.voters",
            "listeners", "advertised.listeners", "listener.security.protocol.map", "inter.broker.listener.name",
            "controller.listener.names", "log.dirs");

    private BrokerSettings() {
    }

    static Map<String, String> environment(Path template, long lockMs) {
        try {
            return environment(Files.readString(template), lockMs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> environment(String template, long lockMs) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(template.replace("@LOCK_MS@", Long.toString(lockMs))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (NODE_LAYOUT.contains(name)) {
                continue;
            }
            String value = properties.getProperty(name);
            if (value.contains("@")) {
                throw new IllegalArgumentException("kafka-server.properties: " + name + " has a placeholder this launcher does not fill: " + value);
            }
            if (name.contains("_") || name.contains("-")) {
                // The image would read KAFKA_A__B as a_b and KAFKA_A___B as a-b; none of ours needs it.
                throw new IllegalArgumentException("kafka-server.properties: " + name + " cannot be passed as KAFKA_ variable here");
            }
            env.put("KAFKA_" + name.replace('.', '_').toUpperCase(Locale.ROOT), value);
        }
        return env;
    }
}

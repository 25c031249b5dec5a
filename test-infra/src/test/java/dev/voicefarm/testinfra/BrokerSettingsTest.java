package dev.voicefarm.testinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

    private static final Path TEMPLATE = Path.of("../deploy/local/kafka-server.properties");

    @Test
    void theLocalBrokersShareGroupSettingsReachTheContainer() {
        Map<String, String> env = BrokerSettings.environment(TEMPLATE, 10_000);
        assertEquals("10", env.get("KAFKA_GROUP_SHARE_DELIVERY_COUNT_LIMIT"), env.toString());
        assertEquals("10000", env.get("KAFKA_GROUP_SHARE_RECORD_LOCK_DURATION_MS"), env.toString());
        assertEquals("1000", env.get("KAFKA_GROUP_SHARE_MIN_RECORD_LOCK_DURATION_MS"), env.toString());
        assertEquals("false", env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"), env.toString());
    }

    @Test
    void theNodesLayoutIsTheContainersOwn() {
        Map<String, String> env = BrokerSettings.environment(TEMPLATE, 30_000);
        for (String layout : new String[] {"KAFKA_LISTENERS", "KAFKA_ADVERTISED_LISTENERS", "KAFKA_LOG_DIRS",
                "KAFKA_NODE_ID", "KAFKA_PROCESS_ROLES", "KAFKA_CONTROLLER_QUORUM_VOTERS"}) {
            assertFalse(env.containsKey(layout), layout + " would override the container's own");
        }
        assertTrue(env.values().stream().noneMatch(v -> v.contains("@")), env.toString());
    }

    @Test
    void aPlaceholderItCannotFillIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> BrokerSettings.environment("num.io.threads=@THREADS@\n", 1000));
        assertTrue(refused.getMessage().contains("num.io.threads"), refused.getMessage());
    }
}

package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The operator's commands, run as a person runs them in a terminal against the test stack:
 * {@code ./farm tenants create}, {@code ./farm keys create|list|rotate|revoke}; each prints the
 * gateway's JSON, and the keys it prints work (or stop working) at the gateway.
 */
class FarmCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int exit, String out) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    @Test
    void operatorCreatesATenantAndManagesItsKeys() throws Exception {
        String tenant = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        Run created = farm("tenants", "create", tenant, "Team \"CLI\" \\ test");
        assertEquals(0, created.exit(), created.out());
        assertEquals("Team \"CLI\" \\ test", created.json().path("name").asText(), "names are sent as JSON strings");
        Run again = farm("tenants", "create", tenant);
        assertNotEquals(0, again.exit(), "a second create of the same tenant fails: " + again.out());
        assertTrue(again.out().contains("tenant_exists"), again.out());

        Run issued = farm("keys", "create", tenant, "user", "laptop");
        assertEquals(0, issued.exit(), issued.out());
        String key = issued.json().path("key").asText();
        String keyId = issued.json().path("apiKey").path("id").asText();
        FarmClient user = FarmClient.dev().withKey(key);
        assertEquals(200, user.get("/v1/voices").status());

        Run listed = farm("keys", "list", tenant);
        assertEquals(0, listed.exit(), listed.out());
        assertEquals(keyId, listed.json().path("keys").get(0).path("id").asText());
        assertTrue(!listed.out().contains(key), "a listed key shows no secret");

        Run rotated = farm("keys", "rotate", keyId);
        assertEquals(0, rotated.exit(), rotated.out());
        String next = rotated.json().path("key").asText();
        assertEquals(401, user.get("/v1/voices").status());
        assertEquals(200, user.withKey(next).get("/v1/voices").status());

        Run revoked = farm("keys", "revoke", rotated.json().path("apiKey").path("id").asText());
        assertEquals(0, revoked.exit(), revoked.out());
        assertEquals(401, user.withKey(next).get("/v1/voices").status());
    }

    private static Run farm(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getenv("FARM_REPO"), "farm").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), out);
    }
}

package dev.voicefarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker-compose.yml, read as compose reads it (merge keys resolved) and held to the same rules as the manifests. */
class ComposeTest {

    private static final JsonNode COMPOSE = RepoFiles.yamlDocuments(RepoFiles.COMPOSE).get(0);
    /** A value compose takes from the environment or .env: {@code ${NAME}}, {@code ${NAME:?message}}. */
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?][^}]*)?}");

    @Test
    void theFarmsServicesAreThere() {
        Set<String> services = new TreeSet<>();
        COMPOSE.path("services").properties().forEach(service -> services.add(service.getKey()));
        assertEquals(Set.of("kafka", "redis", "minio", "scheduler", "worker", "gateway"), services);
    }

    @Test
    void everyServiceHasAHealthCheck() {
        eachService((name, service) -> {
            JsonNode check = service.path("healthcheck");
            assertTrue(check.path("test").isArray() && check.path("test").size() > 1, name + " healthcheck.test");
            assertFalse(check.path("disable").asBoolean(false) || check.path("test").get(0).asText().equals("NONE"),
                    name + " healthcheck disabled");
        });
    }

    @Test
    void namedVolumesAreDeclared() {
        eachService((name, service) -> service.path("volumes").forEach(volume -> {
            String source = volume.isTextual() ? volume.asText().split(":")[0] : volume.path("source").asText();
            boolean bindMount = source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
            assertTrue(bindMount || COMPOSE.path("volumes").has(source), name + ": volume " + source + " is not declared");
        }));
    }

    @Test
    void imagesArePinnedOrBuiltHere() {
        eachService((name, service) -> {
            if (service.has("image")) {
                assertTrue(Conventions.pinned(service.path("image").asText()), name + ": " + service.path("image").asText());
            } else {
                assertTrue(service.has("build"), name + " has neither an image nor a build");
            }
        });
    }

    @Test
    void secretsComeFromTheEnvironmentNeverInline() {
        eachService((name, service) -> environment(service).forEach((variable, value) -> {
            if (Conventions.secretLooking(variable)) {
                assertTrue(INTERPOLATION.matcher(value).matches(), name + ": " + variable + " is written inline");
            }
        }));
    }

    /** The variables compose sets or asks for are the ones README.md documents, so the two cannot drift. */
    @Test
    void farmVariablesAreTheReadmes() {
        Set<String> names = new TreeSet<>();
        eachService((name, service) -> environment(service).forEach((variable, value) -> {
            names.add(variable);
            Matcher interpolated = INTERPOLATION.matcher(value);
            while (interpolated.find()) {
                names.add(interpolated.group(1));
            }
        }));
        String readme = RepoFiles.read(RepoFiles.README);
        List<String> undocumented = names.stream().filter(n -> n.startsWith("FARM_") && !readme.contains(n)).toList();
        assertFalse(names.stream().noneMatch(n -> n.startsWith("FARM_")), "compose sets no FARM_ variable: " + names);
        assertEquals(List.of(), undocumented, "FARM_ variables of docker-compose.yml that README.md does not name");
    }

    private static void eachService(BiConsumer<String, JsonNode> check) {
        COMPOSE.path("services").properties().forEach(e -> check.accept(e.getKey(), e.getValue()));
    }

    /** A service's environment, written as a map or as a list of NAME=value; a bare NAME passes the host's on. */
    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode declared = service.path("environment");
        if (declared.isArray()) {
            declared.forEach(entry -> {
                String[] pair = entry.asText().split("=", 2);
                environment.put(pair[0], pair.length > 1 ? pair[1] : "${" + pair[0] + "}");
            });
        } else {
            declared.properties().forEach(e ->
                    environment.put(e.getKey(), e.getValue().isNull() ? "${" + e.getKey() + "}" : e.getValue().asText()));
        }
        return environment;
    }
}

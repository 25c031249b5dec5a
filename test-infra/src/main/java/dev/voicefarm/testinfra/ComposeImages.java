package dev.voicefarm.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The images docker-compose.yml runs Kafka, Redis and S3 from: the containers here use exactly
 * those, so the compose file and the tests never name two versions.
 */
final class ComposeImages {

    private ComposeImages() {
    }

    static Map<InfraService, String> read(Path compose) {
        try {
            return parse(Files.readString(compose), compose.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<InfraService, String> parse(String yaml, String where) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        Map<String, Object> services = root instanceof Map<?, ?> map && map.get("services") instanceof Map<?, ?> s
                ? (Map<String, Object>) s : Map.of();
        Map<InfraService, String> images = new LinkedHashMap<>();
        for (InfraService service : InfraService.values()) {
            String name = service.composeService();
            Object image = services.get(name) instanceof Map<?, ?> definition ? definition.get("image") : null;
            if (!(image instanceof String text) || text.isBlank()) {
                throw new IllegalArgumentException(where + ": service " + name + " names no image");
            }
            images.put(service, text);
        }
        return images;
    }
}

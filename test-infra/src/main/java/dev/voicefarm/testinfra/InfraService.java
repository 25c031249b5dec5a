package dev.voicefarm.testinfra;

import java.util.Arrays;
import java.util.Locale;

/** The services ./farm knows by these names, each a container here, and the docker-compose.yml service that plays it. */
enum InfraService {
    KAFKA("kafka"), REDIS("redis"), S3("minio");

    private final String composeService;

    InfraService(String composeService) {
        this.composeService = composeService;
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    String composeService() {
        return composeService;
    }

    static InfraService fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service '" + id + "': kafka, redis or s3"));
    }
}

package dev.voicefarm.testinfra;

import java.util.Arrays;
import java.util.Locale;

/** The services ./farm knows by these names, each a container here. */
enum InfraService {
    KAFKA, REDIS, S3;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static InfraService fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service '" + id + "': kafka, redis or s3"));
    }
}

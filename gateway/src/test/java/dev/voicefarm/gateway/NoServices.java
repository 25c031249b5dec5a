package dev.voicefarm.gateway;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import java.util.Map;

/**
 * The gateway with Kafka, Redis and S3 all pointed at a port where nothing listens, a 1 MB
 * dataset body limit, voice imports of at most 64 KB weights, a 1 MB clip and 2 MB in all, and a
 * root admin key. Overrides win over the FARM_* and KAFKA_* environment that ./farm test exports;
 * the test classes sharing this profile share one gateway start.
 */
public class NoServices implements QuarkusTestProfile {

    /** The operator's root key of this gateway: it needs no Redis, so requests get past authentication. */
    public static final String ROOT_KEY = "vf_testroot2345_" + "r".repeat(43);

    private static final String NOWHERE = "127.0.0.1:1";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("kafka.bootstrap.servers", NOWHERE),
                Map.entry("mp.messaging.outgoing.jobs.bootstrap.servers", NOWHERE),
                Map.entry("mp.messaging.outgoing.events.bootstrap.servers", NOWHERE),
                Map.entry("farm.redis.port", "1"),
                Map.entry("farm.s3.endpoint", "http://" + NOWHERE),
                Map.entry("farm.gateway.publish-timeout", "4s"),
                Map.entry("farm.gateway.datasets.max-body-size", "1M"),
                Map.entry("farm.gateway.voice-import.max-gpt-size", "64K"),
                Map.entry("farm.gateway.voice-import.max-sovits-size", "64K"),
                Map.entry("farm.gateway.voice-import.max-reference-size", "1M"),
                Map.entry("farm.gateway.voice-import.max-request-size", "2M"),
                Map.entry("farm.gateway.admin-key", ROOT_KEY));
    }

    /** Every request of the calling test class carries the root key. */
    public static void authenticateAsRoot() {
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + ROOT_KEY).build();
    }
}

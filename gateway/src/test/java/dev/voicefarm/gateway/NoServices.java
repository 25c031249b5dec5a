package dev.voicefarm.gateway;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import java.util.Map;

/**
 * The gateway with Kafka, Redis and S3 all pointed at a port where nothing listens, a 1 MB
 * body limit and a root admin key. Overrides win over the FARM_* and KAFKA_* environment that ./farm test exports; the
 * test classes sharing this profile share one gateway start.
 */
public class NoServices implements QuarkusTestProfile {

    /** The operator's root key of this gateway: it needs no Redis, so requests get past authentication. */
    public static final String ROOT_KEY = "vf_testroot2345_" + "r".repeat(43);

    private static final String NOWHERE = "127.0.0.1:1";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "kafka.bootstrap.servers", NOWHERE,
                "mp.messaging.outgoing.jobs.bootstrap.servers", NOWHERE,
                "mp.messaging.outgoing.events.bootstrap.servers", NOWHERE,
                "farm.redis.port", "1",
                "farm.s3.endpoint", "http://" + NOWHERE,
                "farm.gateway.publish-timeout", "4s",
                "quarkus.http.limits.max-body-size", "1M",
                "farm.gateway.admin-key", ROOT_KEY);
    }

    /** Every request of the calling test class carries the root key. */
    public static void authenticateAsRoot() {
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + ROOT_KEY).build();
    }
}

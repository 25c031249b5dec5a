package dev.voicefarm.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.gateway.NoServices;
import java.nio.charset.StandardCharsets;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway with its Kafka and Redis clients pointed at ports where nothing listens: an
 * unreachable queue or job store must turn into a 503 with Retry-After, never a hang or a 500.
 */
@QuarkusTest
@TestProfile(NoServices.class)
class UnreachableQueueTest {

    @BeforeEach
    void rootKey() {
        NoServices.authenticateAsRoot();
    }


    @Test
    void jobStatusWithoutTheJobStoreGets503() {
        given().when().get("/v1/jobs/3f1c7a52-8a7e-4a6b-9d55-0c8e2b5f0a11")
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("unavailable"));
    }

    /** The queue probe has never reached Kafka, so the job is refused at once, without a publish. */
    @Test
    void jobTheFarmCannotTakeGets503WithRetryAfter() {
        long start = System.nanoTime();
        given().contentType("application/json").body("{\"text\": \"Hello.\", \"language\": \"en\"}")
                .when().post("/v1/synthesis")
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("queue_unavailable"))
                .body("message", containsString("Kafka"))
                .body("message", containsString("try again"));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs < 2000, "a job refused while Kafka is down took " + tookMs + " ms");
    }

    @Test
    void cancelWithoutTheJobStoreGets503() {
        given().when().delete("/v1/jobs/3f1c7a52-8a7e-4a6b-9d55-0c8e2b5f0a11")
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("unavailable"));
    }

    @Test
    void cancelOfAnIdThatIsNoJobIdIs404() {
        given().when().delete("/v1/jobs/not-a-job")
                .then().statusCode(404)
                .body("error", equalTo("not_found"));
    }

    @Test
    void emptyBodyIsMalformedJson() {
        given().contentType("application/json").body(new byte[0])
                .when().post("/v1/synthesis")
                .then().statusCode(400)
                .body("error", equalTo("malformed_json"));
    }

    @Test
    void invalidIdempotencyKeyIs400BeforeAnyStoreIsAsked() {
        for (String path : new String[] {"/v1/synthesis", "/v1/trainings"}) {
            given().contentType("application/json").header("Idempotency-Key", "k".repeat(256))
                    .body("{\"text\": \"Hello.\"}")
                    .when().post(path)
                    .then().statusCode(400)
                    .body("error", equalTo("invalid_idempotency_key"));
        }
        given().contentType("application/zip").header("Idempotency-Key", "k".repeat(256))
                .body(new byte[] {'P', 'K'})
                .when().post("/v1/datasets")
                .then().statusCode(400)
                .body("error", equalTo("invalid_idempotency_key"));
    }

    @Test
    void idempotencyKeyWithoutTheStoreGets503() {
        given().contentType("application/json").header("Idempotency-Key", "order-17")
                .body("{\"text\": \"Hello.\"}")
                .when().post("/v1/synthesis")
                .then().statusCode(503)
                .body("error", equalTo("unavailable"));
    }

    @Test
    void badRequestIsRejectedBeforeTheQueueIsAsked() {
        given().contentType("application/json").body("{\"text\": 12}")
                .when().post("/v1/synthesis")
                .then().statusCode(400)
                .body("error", equalTo("wrong_type"));
    }

    @Test
    void bodyThatIsNotDeclaredJsonIs415() {
        for (String type : new String[] {"text/plain", "application/octet-stream"}) {
            given().contentType(type).body("{\"text\": \"Hello.\"}".getBytes(StandardCharsets.UTF_8))
                    .when().post("/v1/synthesis")
                    .then().statusCode(415)
                    .body("error", equalTo("unsupported_media_type"));
        }
    }

    @Test
    void unknownPathAnswersJson404() {
        given().when().get("/v1/nothing-here")
                .then().statusCode(404)
                .body("error", equalTo("not_found"));
    }

    @Test
    void wrongMethodAnswersJson405() {
        given().when().delete("/v1/synthesis")
                .then().statusCode(405)
                .body("error", equalTo("method_not_allowed"));
    }
}

package dev.voicefarm.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.voicefarm.gateway.NoServices;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * The gateway with its Kafka and Redis clients pointed at ports where nothing listens: an
 * unreachable queue or job store must turn into a 503 with Retry-After, never a hang or a 500.
 */
@QuarkusTest
@TestProfile(NoServices.class)
class UnreachableQueueTest {

    @Test
    void jobStatusWithoutTheJobStoreGets503() {
        given().when().get("/v1/jobs/3f1c7a52-8a7e-4a6b-9d55-0c8e2b5f0a11")
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("unavailable"));
    }

    @Test
    void jobTheFarmCannotTakeGets503WithRetryAfter() {
        given().contentType("application/json").body("{\"text\": \"Hello.\", \"language\": \"en\"}")
                .when().post("/v1/synthesis")
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("unavailable"))
                .body("message", containsString("try again"));
    }

    @Test
    void badRequestIsRejectedBeforeTheQueueIsAsked() {
        given().contentType("application/json").body("{\"text\": 12}")
                .when().post("/v1/synthesis")
                .then().statusCode(400)
                .body("error", equalTo("wrong_type"));
    }

    @Test
    void bodyWithoutContentTypeIsStillRead() {
        given().body("{\"text\": \"\"}")
                .when().post("/v1/synthesis")
                .then().statusCode(400)
                .body("error", equalTo("empty_text"));
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

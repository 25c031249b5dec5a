package dev.voicefarm.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.voicefarm.gateway.NoServices;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the gateway refuses before any store is asked: requests without a valid key, JSON that is
 * not exactly one well-formed UTF-8 object, bodies too large for a JSON endpoint. Every answer has
 * the API's JSON error body.
 */
@QuarkusTest
@TestProfile(NoServices.class)
class RequestHygieneTest {

    private static final String HELLO = "{\"text\": \"Hello.\"}";

    @BeforeEach
    void noDefaultKey() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void requestWithoutAKeyIs401WithTheBearerChallenge() {
        for (String path : new String[] {"/v1/jobs/3f1c7a52-8a7e-4a6b-9d55-0c8e2b5f0a11", "/v1/voices", "/v1/fleet",
                "/v1/admin/tenants"}) {
            given().when().get(path)
                    .then().statusCode(401)
                    .header("WWW-Authenticate", "Bearer")
                    .body("error", equalTo("missing_api_key"));
        }
        given().contentType("application/json").body(HELLO).when().post("/v1/synthesis")
                .then().statusCode(401).body("error", equalTo("missing_api_key"));
    }

    @Test
    void keyThatIsNotBearerOrNotKnownIs401() {
        for (String header : new String[] {"Basic dXNlcjpwYXNz", "Bearer", "Bearer nonsense",
                "Bearer " + NoServices.ROOT_KEY + "x", "Token " + NoServices.ROOT_KEY}) {
            given().header("Authorization", header).when().get("/v1/voices")
                    .then().statusCode(401)
                    .body("error", equalTo("invalid_api_key"));
        }
    }

    @Test
    void bodyMustBeExactlyOneUtf8JsonObject() {
        String[] refused = {
                "{\"text\": \"a\"} xyz",
                "{\"text\": \"a\"}{\"text\": \"b\"}",
                "{\"text\": \"a\", \"text\": \"b\"}",
                "[{\"text\": \"a\"}]",
                "\"text\"",
                "{\"text\": \"a\"",
        };
        for (String body : refused) {
            given().header("Authorization", "Bearer " + NoServices.ROOT_KEY)
                    .contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                    .when().post("/v1/synthesis")
                    .then().statusCode(400)
                    .body("error", org.hamcrest.Matchers.oneOf("malformed_json", "invalid_request"));
        }
        byte[] invalidUtf8 = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        given().header("Authorization", "Bearer " + NoServices.ROOT_KEY)
                .contentType("application/json").body(invalidUtf8)
                .when().post("/v1/synthesis")
                .then().statusCode(400)
                .body("error", equalTo("malformed_json"))
                .body("message", containsString("UTF-8"));
    }

    @Test
    void jsonBodyOverItsLimitIs413BeforeItIsRead() {
        given().header("Authorization", "Bearer " + NoServices.ROOT_KEY)
                .contentType("application/json").body(("{\"text\": \"" + "a".repeat(70_000) + "\"}"))
                .when().post("/v1/synthesis")
                .then().statusCode(413)
                .body("error", equalTo("body_too_large"));
    }

    @Test
    void userErrorsNeverEchoLongInput() {
        String id = "x".repeat(3000);
        given().header("Authorization", "Bearer " + NoServices.ROOT_KEY)
                .when().get("/v1/jobs/" + id)
                .then().statusCode(404)
                .body("message", org.hamcrest.Matchers.not(containsString(id)));
    }
}

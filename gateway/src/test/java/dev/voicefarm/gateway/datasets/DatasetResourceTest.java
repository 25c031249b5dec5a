package dev.voicefarm.gateway.datasets;

import dev.voicefarm.common.testing.RawHttpAnswer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.voicefarm.gateway.NoServices;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/datasets} over HTTP with every store pointed at a port where nothing listens and a
 * 1 MB body limit: validation answers without S3; storing and reading need it and get a 503.
 */
@QuarkusTest
@TestProfile(NoServices.class)
class DatasetResourceTest {

    @BeforeEach
    void rootKey() {
        NoServices.authenticateAsRoot();
    }


    @TestHTTPResource("/")
    URL url;

    @Test
    void emptyBodyIs400() {
        given().contentType("application/zip").body(new byte[0])
                .when().post("/v1/datasets")
                .then().statusCode(400)
                .body("error", equalTo("invalid_dataset"))
                .body("message", containsString("the request body is empty"));
    }

    @Test
    void bodyThatIsNotAZipIs400() {
        for (String type : new String[] {"application/zip", "application/x-zip-compressed"}) {
            given().contentType(type).body("hello".getBytes())
                    .when().post("/v1/datasets")
                    .then().statusCode(400)
                    .body("error", equalTo("invalid_dataset"))
                    .body("message", equalTo("the request body is not a zip archive; send the dataset as a .zip file"));
        }
    }

    /** A zip sent as anything but a zip: a cross-site form can never upload one. */
    @Test
    void uploadThatIsNotDeclaredAZipIs415() {
        for (String type : new String[] {"application/octet-stream", "text/plain"}) {
            given().contentType(type).body(TestZips.ljspeech("", 10).bytes())
                    .when().post("/v1/datasets")
                    .then().statusCode(415)
                    .body("error", equalTo("unsupported_media_type"))
                    .body("message", containsString("application/zip"));
        }
    }

    @Test
    void invalidDatasetIs400NamingTheProblem() {
        given().contentType("application/zip").body(TestZips.ljspeech("voice/", 9).bytes())
                .when().post("/v1/datasets")
                .then().statusCode(400)
                .body("error", equalTo("invalid_dataset"))
                .body("message", containsString("voice/metadata.csv lists 9 clips; a dataset needs at least 10"));
    }

    /** Redis is unreachable too: a 400 rather than a 503 shows that a refused zip claims no key. */
    @Test
    void invalidDatasetWithAnIdempotencyKeyIs400BeforeTheKeyIsClaimed() {
        given().contentType("application/zip").header("Idempotency-Key", "upload-1")
                .body(TestZips.ljspeech("voice/", 9).bytes())
                .when().post("/v1/datasets")
                .then().statusCode(400)
                .body("error", equalTo("invalid_dataset"));
    }

    /** Storing needs the tenant's quota (Redis) and then S3: neither answers here. */
    @Test
    void validDatasetWithoutItsStoresIs503() {
        given().contentType("application/zip").body(TestZips.ljspeech("", 10).bytes())
                .when().post("/v1/datasets")
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("unavailable"))
                .body("message", containsString("unreachable"));
    }

    @Test
    void unknownIdsAre404AndLookupsWithoutS3Are503() {
        given().when().get("/v1/datasets/not-a-uuid")
                .then().statusCode(404)
                .body("error", equalTo("not_found"))
                .body("message", containsString("dataset ids are UUIDs"));
        given().when().get("/v1/datasets/3f1c7a52-8a7e-4a6b-9d55-0c8e2b5f0a11")
                .then().statusCode(503)
                .body("error", equalTo("unavailable"));
    }

    /**
     * Quarkus refuses an over-long body itself, from its Content-Length, before any resource or
     * exception mapper runs; the 413 still has the API's JSON body, and closes the connection.
     * The client here sends only the headers, with {@code Expect: 100-continue} as curl does for
     * large uploads, so the answer cannot race a body still being written (a client that streams
     * the whole body at once may see the connection close under its write instead of the 413).
     */
    @Test
    void bodyOverTheLimitIs413BeforeTheBodyIsSent() throws IOException {
        long overTheLimit = 1024 * 1024 + 64 * 1024;
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST /v1/datasets HTTP/1.1\r\n"
                    + "Host: " + url.getHost() + ":" + url.getPort() + "\r\n"
                    + "Authorization: Bearer " + NoServices.ROOT_KEY + "\r\n"
                    + "Content-Type: application/zip\r\n"
                    + "Content-Length: " + overTheLimit + "\r\n"
                    + "Expect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader answer = new BufferedReader(new InputStreamReader(
                    socket.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("HTTP/1.1 413 Request Entity Too Large", answer.readLine());
            String body = RawHttpAnswer.body(answer);
            assertTrue(body != null && body.contains("\"error\":\"body_too_large\""), "413 body: " + body);
        }
    }
}

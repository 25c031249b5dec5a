package dev.voicefarm.gateway.voices;

import dev.voicefarm.common.testing.InMemoryZip;
import dev.voicefarm.common.testing.RawHttpAnswer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.testing.GptSovitsWeights;
import dev.voicefarm.common.testing.MultipartForm;
import dev.voicefarm.common.voices.GptSovitsVersion;
import dev.voicefarm.gateway.NoServices;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/voices} over HTTP, both forms, with S3 and Redis unreachable (the
 * {@link NoServices} profile: 64 KB weights, a 1 MB clip, 2 MB a request): every refusal is
 * answered before anything would be stored, with the API's JSON body naming its {@code param};
 * an import that passes every check reaches S3 and gets its 503.
 */
@QuarkusTest
@TestProfile(NoServices.class)
class VoiceImportResourceTest {

    @BeforeEach
    void rootKey() {
        NoServices.authenticateAsRoot();
    }

    @TestHTTPResource("/")
    URL url;

    @Test
    void aValidFormImportIsCheckedAndThenNeedsS3() {
        sent(form(GptSovitsVersion.V2))
                .when().post("/v1/voices")
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("unavailable"))
                .body("message", containsString("voice store is unreachable"));
    }

    /** 1000 CJK characters are 3000 bytes: within the form's text limit (max-form-attribute-size). */
    @Test
    void aLongPromptTextInAnyScriptFitsTheForm() {
        sent(form(GptSovitsVersion.V2, "v2", "語".repeat(1000), GptSovitsWeights.gpt("a")))
                .when().post("/v1/voices")
                .then().statusCode(503);
        sent(form(GptSovitsVersion.V2, "v2", "語".repeat(1001), GptSovitsWeights.gpt("a")))
                .when().post("/v1/voices")
                .then().statusCode(400)
                .body("error", equalTo("text_too_long"))
                .body("param", equalTo("promptText"));
    }

    @Test
    void aValidZipImportIsCheckedAndThenNeedsS3() {
        for (String type : new String[] {"application/zip", "application/x-zip-compressed"}) {
            given().contentType(type).body(VoiceZips.complete(GptSovitsVersion.V4).bytes())
                    .when().post("/v1/voices")
                    .then().statusCode(503)
                    .body("error", equalTo("unavailable"));
        }
    }

    @Test
    void aFormWithoutAPartIs400NamingIt() {
        sent(new MultipartForm().field("name", "Narrator").field("modelVersion", "v2").field("promptText", "Hello there.")
                .field("promptLanguage", "en")
                .file("gpt", "a.ckpt", GptSovitsWeights.gpt("a"))
                .file("reference", "ref.wav", GptSovitsWeights.reference(5)))
                .when().post("/v1/voices")
                .then().statusCode(400)
                .body("error", equalTo("missing_field"))
                .body("param", equalTo("sovits"))
                .body("message", containsString("'sovits' is required"));
    }

    @Test
    void aFormOfAnUnknownVersionIs400() {
        sent(form(GptSovitsVersion.V2, "v9", "Hello.", GptSovitsWeights.gpt("a")))
                .when().post("/v1/voices")
                .then().statusCode(400)
                .body("error", equalTo("unsupported_model_version"))
                .body("param", equalTo("modelVersion"));
    }

    @Test
    void aClipOfTwoSecondsIs400SayingItsLength() {
        sent(new MultipartForm().field("name", "Narrator").field("modelVersion", "v2").field("promptText", "Hello there.")
                .field("promptLanguage", "en")
                .file("gpt", "a.ckpt", GptSovitsWeights.gpt("a"))
                .file("sovits", "a.pth", GptSovitsWeights.sovits(GptSovitsVersion.V2, "a", 50))
                .file("reference", "ref.wav", GptSovitsWeights.reference(2)))
                .when().post("/v1/voices")
                .then().statusCode(400)
                .body("error", equalTo("invalid_reference"))
                .body("param", equalTo("reference"))
                .body("message", containsString("lasts 2.00 s; GPT-SoVITS needs 3 to 10 s"));
    }

    @Test
    void aZipWhoseSovitsIsOfAnotherVersionIs400SayingWhichItIs() {
        byte[] zip = new InMemoryZip()
                .add("voice.json", VoiceZips.voiceJson("Narrator", "v2", "Hello there.", "en"))
                .add("a.ckpt", GptSovitsWeights.gpt("a"))
                .add("a.pth", GptSovitsWeights.sovits(GptSovitsVersion.V3, "a", 50))
                .add("a.wav", GptSovitsWeights.reference(5)).bytes();
        given().contentType("application/zip").body(zip)
                .when().post("/v1/voices")
                .then().statusCode(400)
                .body("error", equalTo("model_version_mismatch"))
                .body("param", equalTo("sovits"))
                .body("message", containsString("is a v3 model"));
    }

    @Test
    void aBodyThatIsNotAZipIs400() {
        given().contentType("application/zip").body("hello".getBytes())
                .when().post("/v1/voices")
                .then().statusCode(400)
                .body("error", equalTo("invalid_voice_archive"))
                .body("param", equalTo("body"));
    }

    @Test
    void aPartOverItsLimitIs413NamingIt() {
        byte[] big = Arrays.copyOf(GptSovitsWeights.gpt("a"), 64 * 1024 + 1);
        sent(form(GptSovitsVersion.V2, "v2", "Hello.", big))
                .when().post("/v1/voices")
                .then().statusCode(413)
                .body("error", equalTo("body_too_large"))
                .body("param", equalTo("gpt"));
    }

    /** Text parts are held in memory, up to quarkus.http.limits.max-form-attribute-size (8K). */
    @Test
    void aTextPartOverTheFormLimitIs413() {
        sent(new MultipartForm().field("name", "n".repeat(9000)).field("modelVersion", "v2"))
                .when().post("/v1/voices")
                .then().statusCode(413)
                .body("error", equalTo("body_too_large"));
    }

    @Test
    void otherContentTypesAre415() {
        given().contentType("application/json").body("{}")
                .when().post("/v1/voices")
                .then().statusCode(415)
                .body("error", equalTo("unsupported_media_type"))
                .body("message", containsString("voice imports multipart/form-data or application/zip"));
    }

    /** What the hostile-input corpus sends (e2e/.../hostile/corpus.jsonl), answered as it expects. */
    @Test
    void hostileContentTypesAndEmptyFormsAreRefusedWithJson() throws IOException {
        assertAnswer(null, "PK", 415, "unsupported_media_type");
        for (String type : new String[] {"application/json", "text/plain", "application/octet-stream",
                "application/x-www-form-urlencoded", "*/*", "multipart/*"}) {
            assertAnswer(type, "{}", 415, "unsupported_media_type");
        }
        assertAnswer("application/zip", "hello, this is not a zip", 400, "invalid_voice_archive");
        assertAnswer("multipart/form-data; boundary=x", "--x--\r\n", 400, "missing_field");
        assertAnswer("multipart/form-data", "--x--\r\n", 400, "missing_field");
    }

    private void assertAnswer(String type, String body, int status, String error) throws IOException {
        String answer = send("POST /v1/voices", type, body.getBytes(StandardCharsets.UTF_8), -1);
        assertTrue(answer.startsWith("HTTP/1.1 " + status), type + ": " + answer);
        assertTrue(answer.contains("\"error\":\"" + error + "\""), type + ": " + answer);
    }

    /** The whole request is refused from its Content-Length, before a byte of it is read. */
    @Test
    void aRequestOverTheLimitIs413BeforeItsBodyIsSent() throws IOException {
        String answer = headersOnly("POST /v1/voices", "multipart/form-data; boundary=x", 2 * 1024 * 1024 + 1);
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("\"error\":\"body_too_large\""), answer);
        assertTrue(answer.contains("voice imports are limited to 2097152 bytes"), answer);
    }

    /**
     * Authentication runs before the form is read: a request without a key is answered at once,
     * while its body (here never sent) would still be on its way.
     */
    @Test
    void anImportWithoutAKeyIs401BeforeItsBodyIsRead() throws IOException {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(5_000);
            String head = "POST /v1/voices HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort() + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 1000000\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertEquals("HTTP/1.1 401 Unauthorized", status);
        }
    }

    /** Other endpoints keep their own limits although Quarkus' ceiling is now the voice imports'. */
    @Test
    void otherPathsKeepTheirLimits() throws IOException {
        String dataset = headersOnly("POST /v1/datasets", "application/zip", 1024 * 1024 + 1);
        assertTrue(dataset.contains("dataset uploads are limited to 1048576 bytes"), dataset);
        String json = headersOnly("POST /v1/synthesis", "application/json", 64 * 1024 + 1);
        assertTrue(json.contains("JSON requests are limited to 65536 bytes"), json);
    }

    private static MultipartForm form(GptSovitsVersion version) {
        return form(version, version.id(), "What the clip says.", GptSovitsWeights.gpt("narrator"));
    }

    /** A form with the weights of {@code version}, declaring {@code modelVersion}. */
    private static MultipartForm form(GptSovitsVersion version, String modelVersion, String promptText, byte[] gpt) {
        return new MultipartForm().field("name", "Narrator").field("modelVersion", modelVersion)
                .field("promptText", promptText).field("promptLanguage", "en")
                .file("gpt", "narrator.ckpt", gpt)
                .file("sovits", "narrator.pth", GptSovitsWeights.sovits(version, "narrator", 40))
                .file("reference", "ref.wav", GptSovitsWeights.reference(5));
    }

    /** As curl sends a form: whole, with its Content-Length. */
    private static RequestSpecification sent(MultipartForm form) {
        return given().contentType(form.contentType()).body(form.bytes());
    }

    /** The status line and body of the answer to a request that sends only its headers. */
    private String headersOnly(String requestLine, String type, long length) throws IOException {
        return send(requestLine, type, null, length);
    }

    /**
     * The status line and body of the answer to one request over a socket: {@code body} (or only
     * the headers, with {@code Expect: 100-continue}, when it is null) with this Content-Length (-1:
     * the body's), and no Content-Type when {@code type} is null.
     */
    private String send(String requestLine, String type, byte[] body, long length) throws IOException {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            String head = requestLine + " HTTP/1.1\r\n"
                    + "Host: " + url.getHost() + ":" + url.getPort() + "\r\n"
                    + "Authorization: Bearer " + NoServices.ROOT_KEY + "\r\n"
                    + (type == null ? "" : "Content-Type: " + type + "\r\n")
                    + "Content-Length: " + (length >= 0 ? length : body.length) + "\r\n"
                    + (body == null ? "Expect: 100-continue\r\n" : "") + "\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                socket.getOutputStream().write(body);
            }
            socket.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            return status + "\n" + RawHttpAnswer.body(in);
        }
    }
}

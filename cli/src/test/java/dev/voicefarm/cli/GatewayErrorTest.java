package dev.voicefarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GatewayErrorTest {

    private static String line(int status, String body) {
        return GatewayError.of(status, body.getBytes(StandardCharsets.UTF_8)).line();
    }

    @Test
    void theFarmsErrorBodyBecomesCodeAndMessage() {
        assertEquals("voicefarm: invalid_api_key: the API key is not valid",
                line(401, "{\"error\":\"invalid_api_key\",\"message\":\"the API key is not valid\"}"));
    }

    @Test
    void aParamTheMessageDoesNotNameIsAdded() {
        assertEquals("voicefarm: unsupported_format: no such format (param responseFormat)",
                line(400, "{\"error\":\"unsupported_format\",\"message\":\"no such format\",\"param\":\"responseFormat\"}"));
        assertEquals("voicefarm: missing_field: field 'text' is required",
                line(400, "{\"error\":\"missing_field\",\"message\":\"field 'text' is required\",\"param\":\"text\"}"));
    }

    @Test
    void theOpenAiShapeOfTheSpeechPathsIsReadToo() {
        assertEquals("voicefarm: rate_limited: slow down",
                line(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\",\"param\":null,\"code\":\"rate_limited\"}}"));
    }

    @Test
    void aBodyThatIsNoErrorIsNamedByItsStatus() {
        assertEquals("voicefarm: http_502: the gateway answered 502: <html> <body>Bad gateway</body> </html>",
                line(502, "<html>\n<body>Bad gateway</body>\n</html>"));
        assertEquals("voicefarm: http_404: the gateway answered 404 with no body", line(404, ""));
    }
}

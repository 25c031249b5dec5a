package dev.voicefarm.gateway.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.gateway.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainingRequestParserTest {

    private static final String DATASET = "3f1c7a52-8a7e-4a6b-9d55-0c8e2b5f0a11";
    private final TrainingRequestParser parser = new TrainingRequestParser();

    @Test
    void readsARequestWithDefaults() {
        TrainingRequest request = parse("{\"datasetId\": \"" + DATASET + "\", \"name\": \" Narrator \"}");
        assertEquals(DATASET, request.datasetId());
        assertEquals("Narrator", request.name());
        assertEquals(Language.EN, request.language());
        assertEquals(TrainingRequestParser.DEFAULT_EPOCHS, request.epochs());
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
            "'{\"name\": \"n\"}'                                                          | missing_field",
            "'{\"datasetId\": \"" + DATASET + "\"}'                                       | missing_field",
            "'{\"datasetId\": 5, \"name\": \"n\"}'                                        | wrong_type",
            "'{\"datasetId\": \"nope\", \"name\": \"n\"}'                                 | unknown_dataset",
            "'{\"datasetId\": \"" + DATASET + "\", \"name\": \"  \"}'                     | invalid_name",
            "'{\"datasetId\": \"" + DATASET + "\", \"name\": \"n\", \"epochs\": 0}'       | invalid_epochs",
            "'{\"datasetId\": \"" + DATASET + "\", \"name\": \"n\", \"epochs\": 1.5}'     | wrong_type",
            "'{\"datasetId\": \"" + DATASET + "\", \"name\": \"n\", \"language\": \"x\"}' | unsupported_language",
            "'{\"datasetId\": \"" + DATASET + "\", \"name\": \"n\", \"lr\": 1}'           | unknown_field",
    })
    void rejectsBadRequestsWithA400(String body, String code) {
        ApiException e = assertThrows(ApiException.class, () -> parse(body));
        assertEquals(code, e.code(), e.getMessage());
    }

    @Test
    void readsAnOptionalWebhook() {
        String base = "{\"datasetId\": \"" + DATASET + "\", \"name\": \"n\"";
        assertEquals(java.net.URI.create("http://hooks.example.com/done"),
                parse(base + ", \"webhook\": \"http://hooks.example.com/done\"}").webhook());
        assertEquals("invalid_webhook", assertThrows(ApiException.class,
                () -> parse(base + ", \"webhook\": \"https://u:p@hooks.example.com/\"}")).code());
    }

    private TrainingRequest parse(String body) {
        return parser.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

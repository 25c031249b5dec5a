package dev.voicefarm.worker.engine.gptsovits;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.worker.engine.EngineException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiV2AnswersTest {

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void successPasses() {
        assertDoesNotThrow(() -> ApiV2Answers.check(200, body("{\"message\": \"success\"}")));
    }

    @Test
    void aRefusalIsPermanentWithItsMessageAndException() {
        EngineException e = assertThrows(EngineException.class, () -> ApiV2Answers.check(400,
                body("{\"message\": \"tts failed\", \"Exception\": \"Reference audio is outside the 3-10 second range\"}")));
        assertTrue(e.permanent());
        assertEquals("GPT-SoVITS refused: tts failed: Reference audio is outside the 3-10 second range", e.getMessage());
    }

    @Test
    void aCheckRefusalHasOnlyAMessage() {
        EngineException e = assertThrows(EngineException.class, () -> ApiV2Answers.check(400,
                body("{\"message\": \"text_lang: ko is not supported in version v1\"}")));
        assertEquals("GPT-SoVITS refused: text_lang: ko is not supported in version v1", e.getMessage());
    }

    @Test
    void fastApiValidationIsPermanentToo() {
        EngineException e = assertThrows(EngineException.class, () -> ApiV2Answers.check(422,
                body("{\"detail\": [{\"type\": \"string_type\", \"loc\": [\"body\", \"text\"], \"msg\": \"Input should be a valid string\"}]}")));
        assertTrue(e.permanent());
        assertEquals("GPT-SoVITS refused: invalid request: [body, text] Input should be a valid string", e.getMessage());
    }

    @Test
    void aRefusalForWantOfMemoryIsTheProcesssFault() {
        ProcessFault fault = assertThrows(ProcessFault.class, () -> ApiV2Answers.check(400,
                body("{\"message\": \"tts failed\", \"Exception\": \"CUDA out of memory. Tried to allocate 20.00 MiB\"}")));
        assertEquals(ProcessFault.Kind.OUT_OF_MEMORY, fault.kind());
    }

    @Test
    void serverErrorsAreTheProcesssFault() {
        ProcessFault fault = assertThrows(ProcessFault.class, () -> ApiV2Answers.check(500, body("Internal Server Error")));
        assertEquals(ProcessFault.Kind.SERVER_ERROR, fault.kind());
        assertTrue(fault.getMessage().contains("500"));
    }

    @Test
    void aNonJsonRefusalShowsStatusAndText() {
        EngineException e = assertThrows(EngineException.class, () -> ApiV2Answers.check(404, body("<html>nope</html>")));
        assertTrue(e.permanent());
        assertEquals("GPT-SoVITS refused: HTTP 404: <html>nope</html>", e.getMessage());
    }
}

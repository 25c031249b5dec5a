package dev.voicefarm.gateway.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpeechTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"Hello.", "Line one,\r\nline two.", "A\ttab.", " padded "})
    void speakableTextBreaksNoRule(String text) {
        assertEquals(Optional.empty(), SpeechText.check(text));
    }

    @Test
    void theLimitCountsCharactersNotBytesNorUtf16Units() {
        assertEquals(Optional.empty(), SpeechText.check("語".repeat(SpeechText.MAX_CHARS)));
        assertEquals(Optional.empty(), SpeechText.check("😀".repeat(SpeechText.MAX_CHARS)));
        assertEquals(Optional.of(new SpeechText.Problem("text_too_long", "has 4097 characters; the limit is 4096")),
                SpeechText.check("😀".repeat(SpeechText.MAX_CHARS + 1)));
    }

    @Test
    void blankTextIsEmpty() {
        SpeechText.Problem empty = new SpeechText.Problem("empty_text", "is empty; give the words to speak");
        assertEquals(Optional.of(empty), SpeechText.check(""));
        assertEquals(Optional.of(empty), SpeechText.check(" \t\r\n "));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x07, 0x0b, 0x1b, 0x7f, 0x85})
    void controlCharactersOtherThanTabAndLineBreaksAreNamed(int control) {
        String text = "Say " + Character.toString(control) + " this.";
        assertEquals(Optional.of(new SpeechText.Problem("invalid_text",
                "contains control character U+%04X".formatted(control))), SpeechText.check(text));
    }

    @Test
    void aVeryLongTextIsRefusedForItsLength() {
        assertEquals("text_too_long", SpeechText.check("\u0007".repeat(10 * 1024 * 1024)).orElseThrow().code());
    }
}

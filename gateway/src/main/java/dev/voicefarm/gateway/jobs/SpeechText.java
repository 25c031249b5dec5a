package dev.voicefarm.gateway.jobs;

import java.util.Optional;

/**
 * The rules for a text to be spoken, the same for a synthesis request and a dataset's transcript (a
 * voice is trained on texts like those it will be asked to speak): not only white space, at most
 * {@value #MAX_CHARS} characters (code points, not bytes), no control characters other than tab
 * and line breaks.
 */
public final class SpeechText {

    /** Long enough for a paragraph; longer texts belong in several jobs. */
    public static final int MAX_CHARS = 4096;

    private SpeechText() {
    }

    /**
     * What breaks a rule.
     *
     * @param code        the API error code a synthesis request is refused with
     * @param description what is wrong, to follow the name of the text ("field 'text' is empty; ...")
     */
    public record Problem(String code, String description) {
    }

    /** The first rule the text breaks, if any. */
    public static Optional<Problem> check(String text) {
        if (text.isBlank()) {
            return Optional.of(new Problem("empty_text", "is empty; give the words to speak"));
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_CHARS) {
            return Optional.of(new Problem("text_too_long",
                    "has " + length + " characters; the limit is " + MAX_CHARS));
        }
        return text.codePoints()
                .filter(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')
                .mapToObj(c -> new Problem("invalid_text", "contains control character U+%04X".formatted(c)))
                .findFirst();
    }
}

package dev.voicefarm.worker.engine;

import dev.voicefarm.common.jobs.Language;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a text into the sentences it is synthesised by, in order: the JDK's sentence rules for
 * the language (which know {@code 。} and {@code ？} as well as full stops). Pieces without a letter
 * or digit are dropped: they render to silence. A sentence longer than {@value #MAX_CHARS}
 * characters is cut at its last space (or comma) before that, so no chunk of a stream waits on a
 * text without full stops.
 */
public final class Sentences {

    static final int MAX_CHARS = 300;

    private Sentences() {
    }

    public static List<String> split(String text, Language language) {
        BreakIterator boundaries = BreakIterator.getSentenceInstance(Locale.forLanguageTag(language.code()));
        boundaries.setText(text);
        List<String> sentences = new ArrayList<>();
        for (int start = boundaries.first(), end = boundaries.next(); end != BreakIterator.DONE;
             start = end, end = boundaries.next()) {
            cut(text.substring(start, end).strip(), sentences);
        }
        return sentences;
    }

    private static void cut(String sentence, List<String> into) {
        while (sentence.length() > MAX_CHARS) {
            int at = Math.max(sentence.lastIndexOf(' ', MAX_CHARS), sentence.lastIndexOf(',', MAX_CHARS));
            int cut = at > 0 ? at + 1 : MAX_CHARS;
            keep(sentence.substring(0, cut).strip(), into);
            sentence = sentence.substring(cut).strip();
        }
        keep(sentence, into);
    }

    private static void keep(String piece, List<String> into) {
        if (piece.codePoints().anyMatch(Character::isLetterOrDigit)) {
            into.add(piece);
        }
    }
}

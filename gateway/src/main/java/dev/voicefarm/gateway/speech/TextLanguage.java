package dev.voicefarm.gateway.speech;

import dev.voicefarm.common.jobs.Language;

/**
 * The language of a text for the base voice, since OpenAI's API has no language field: told by
 * its script. Kana is Japanese, Hangul Korean, other Han characters Chinese (Mandarin); anything
 * else is read as English: Latin-script languages are not told apart, so a German text needs a
 * German voice of the tenant's (a trained voice speaks its own language).
 */
final class TextLanguage {

    private TextLanguage() {
    }

    static Language of(String text) {
        boolean han = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA) {
                return Language.JA;
            }
            if (script == Character.UnicodeScript.HANGUL) {
                return Language.KO;
            }
            han |= script == Character.UnicodeScript.HAN;
            i += Character.charCount(c);
        }
        return han ? Language.ZH : Language.EN;
    }
}

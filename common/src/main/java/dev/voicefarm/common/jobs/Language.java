package dev.voicefarm.common.jobs;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Languages the farm speaks, each with the eSpeak NG voice that renders its base voice. */
public enum Language {
    EN("en", "en-us"),
    ZH("zh", "cmn"),
    JA("ja", "ja"),
    KO("ko", "ko"),
    YUE("yue", "yue"),
    DE("de", "de"),
    FR("fr", "fr-fr"),
    ES("es", "es"),
    IT("it", "it"),
    PT("pt", "pt");

    private final String code;
    private final String espeakVoice;

    Language(String code, String espeakVoice) {
        this.code = code;
        this.espeakVoice = espeakVoice;
    }

    public String code() {
        return code;
    }

    public String espeakVoice() {
        return espeakVoice;
    }

    public static Optional<Language> fromCode(String code) {
        return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst();
    }

    /** The accepted codes, comma separated, for error messages and docs. */
    public static String codes() {
        return Arrays.stream(values()).map(Language::code).collect(Collectors.joining(", "));
    }
}

package dev.voicefarm.common.voices;

/**
 * What an imported GPT-SoVITS voice is made of. The files are stored beside the voice's record in
 * {@code farm-models/<tenant>/voices/<id>/<version>/}: {@link #GPT_FILE}, {@link #SOVITS_FILE} and
 * the reference clip {@code referenceFile}; a worker fetches them on first use.
 *
 * @param modelVersion     the GPT-SoVITS version the weights are for
 * @param promptText       what is said in the reference clip (GPT-SoVITS's {@code prompt_text})
 * @param promptLanguage   its language (GPT-SoVITS's {@code prompt_lang}: zh, en, ja, ko, yue, ...)
 * @param referenceFile    the reference clip's file name, {@code reference.<ext>}
 * @param referenceSeconds the clip's length (GPT-SoVITS requires 3–10 s)
 * @param gptSha256        hex SHA-256 of the GPT weights: a worker's cache checks what it fetched
 * @param sovitsSha256     hex SHA-256 of the SoVITS weights
 */
public record GptSovitsVoice(
        GptSovitsVersion modelVersion,
        String promptText,
        String promptLanguage,
        String referenceFile,
        double referenceSeconds,
        long gptBytes,
        String gptSha256,
        long sovitsBytes,
        String sovitsSha256) {

    /** The GPT (text-to-semantic) weights' file name in the voice's folder. */
    public static final String GPT_FILE = "gpt.ckpt";
    /** The SoVITS (semantic-to-audio) weights' file name in the voice's folder. */
    public static final String SOVITS_FILE = "sovits.pth";

    /**
     * The farm's language code for the prompt language: GPT-SoVITS's {@code all_ja} (Japanese
     * only) and {@code ja} (Japanese mixed with English) are both Japanese here; {@code auto} is
     * English, {@code auto_yue} Cantonese.
     */
    public String spokenLanguage() {
        String code = promptLanguage.startsWith("all_") ? promptLanguage.substring(4) : promptLanguage;
        return switch (code) {
            case "auto" -> "en";
            case "auto_yue" -> "yue";
            default -> code;
        };
    }
}

package dev.voicefarm.gateway.voices;

import dev.voicefarm.common.audio.AudioDecoder;
import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.voices.GptSovitsVersion;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.api.JsonBody;
import dev.voicefarm.gateway.jobs.SpeechText;
import dev.voicefarm.gateway.jobs.TrainingRequestParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The rules of a GPT-SoVITS voice import, each refusal a 400 (a file over its limit a 413) that
 * names the field or part ({@code param}) and says what is wrong. In order:
 * <ul>
 *   <li>{@code name}: the farm's voice name rule (as for trained voices: 1 to
 *       {@value TrainingRequestParser#MAX_NAME_CHARS} characters, no control characters);</li>
 *   <li>{@code modelVersion}: one of {@link GptSovitsVersion}'s ids;</li>
 *   <li>{@code promptText}: the synthesis text rules ({@link SpeechText}), at most {@value #MAX_PROMPT_CHARS} characters;</li>
 *   <li>{@code promptLanguage}: one GPT-SoVITS accepts for that version (its {@code TTS.py} lists:
 *       {@link #V1_LANGUAGES} for v1, {@link #V2_LANGUAGES} for every later version), in any case;</li>
 *   <li>{@code gpt}: a PyTorch archive: a zip (it starts {@code PK\x03\x04}) with a {@code .../data.pkl} entry;</li>
 *   <li>{@code sovits}: a PyTorch archive whose first two bytes are {@code PK} or a version head of
 *       GPT-SoVITS's {@code process_ckpt.py} ({@code 00} v1 ... {@code 06} v2ProPlus) that agrees with
 *       {@code modelVersion};</li>
 *   <li>{@code reference}: a {@code .wav}, {@code .mp3}, {@code .flac}, {@code .ogg} or {@code .m4a} file
 *       that decodes (WAV in Java, anything else, or a WAV that is not integer PCM, through FFmpeg)
 *       and lasts {@value #MIN_REFERENCE_SECONDS} to {@value #MAX_REFERENCE_SECONDS} s, the range
 *       GPT-SoVITS itself enforces.</li>
 * </ul>
 * Files over their size limits are refused before any rule is checked. Reads only the files it is
 * given (and FFmpeg's output); stores nothing.
 */
public final class VoiceImportValidator {

    public static final int MAX_PROMPT_CHARS = 1000;
    public static final double MIN_REFERENCE_SECONDS = 3;
    public static final double MAX_REFERENCE_SECONDS = 10;
    /** The prompt languages of GPT-SoVITS v1 ({@code TTS_Config.v1_languages}). */
    public static final List<String> V1_LANGUAGES = List.of("auto", "en", "zh", "ja", "all_zh", "all_ja");
    /** The prompt languages of v2 and every later version ({@code TTS_Config.v2_languages}). */
    public static final List<String> V2_LANGUAGES =
            List.of("auto", "auto_yue", "en", "zh", "ja", "yue", "ko", "all_zh", "all_ja", "all_yue", "all_ko");
    /** The reference clip's formats, by file extension. */
    public static final List<String> REFERENCE_FORMATS = List.of("wav", "mp3", "flac", "ogg", "m4a");

    /** FFmpeg decodes no more than this: a longer clip is only said to be this long or more. */
    static final double MEASURED_SECONDS = 60;
    /** GPT-SoVITS measures the clip at 16 kHz (it loads it with librosa at that rate). */
    private static final int MEASURING_RATE = 16_000;
    private static final Logger LOG = Logger.getLogger(VoiceImportValidator.class);

    private final VoiceImportLimits limits;
    private final AudioDecoder decoder;

    public VoiceImportValidator(VoiceImportLimits limits, AudioDecoder decoder) {
        this.limits = limits;
        this.decoder = decoder;
    }

    /**
     * @throws ApiException 400 naming the first rule broken, with its field as {@code param};
     *                      413 {@code body_too_large} for a file over its limit
     */
    public ImportedVoice validate(VoiceUpload upload) throws InterruptedException {
        withinLimit("gpt", "GPT weights", upload.gpt(), limits.gptBytes());
        withinLimit("sovits", "SoVITS weights", upload.sovits(), limits.sovitsBytes());
        withinLimit("reference", "reference clip", upload.reference(), limits.referenceBytes());
        String name = JsonBody.name("name", required("name", upload.name()), TrainingRequestParser.MAX_NAME_CHARS);
        GptSovitsVersion version = modelVersion(required("modelVersion", upload.modelVersion()));
        String promptText = promptText(required("promptText", upload.promptText()));
        String promptLanguage = promptLanguage(required("promptLanguage", upload.promptLanguage()), version);
        Path gpt = gpt(file("gpt", "the GPT weights (.ckpt)", upload.gpt()));
        Path sovits = sovits(file("sovits", "the SoVITS weights (.pth)", upload.sovits()), version);
        VoiceUpload.UploadedFile reference = file("reference", "the reference clip", upload.reference());
        String format = referenceFormat(reference);
        double seconds = referenceSeconds(reference.path(), format);
        return new ImportedVoice(name, version, promptText, promptLanguage, gpt, sovits, reference.path(), format,
                Math.round(seconds * 1000) / 1000.0);
    }

    private static void withinLimit(String param, String what, VoiceUpload.UploadedFile file, long limit) {
        if (file == null) {
            return;
        }
        long size = size(file.path());
        if (size > limit) {
            throw tooLarge(param, "the " + what + " file has " + size + " bytes", limit);
        }
    }

    /** 413 for a file over its limit; also what the zip reader says when an entry unpacks past it. */
    static ApiException tooLarge(String param, String what, long limit) {
        return ApiException.payloadTooLarge(what + "; the limit is " + limit + " bytes").forParam(param);
    }

    private static String required(String field, String value) {
        if (value == null) {
            throw missing(field, "field '" + field + "' is required");
        }
        return value;
    }

    private static VoiceUpload.UploadedFile file(String part, String what, VoiceUpload.UploadedFile file) {
        if (file == null) {
            throw missing(part, "the file '" + part + "' is required: " + what);
        }
        return file;
    }

    static ApiException missing(String param, String message) {
        return ApiException.badRequest("missing_field", message).forParam(param);
    }

    private static ApiException invalid(String code, String param, String message) {
        return ApiException.badRequest(code, message).forParam(param);
    }

    private static GptSovitsVersion modelVersion(String id) {
        return GptSovitsVersion.fromId(id.strip()).orElseThrow(() -> invalid("unsupported_model_version", "modelVersion",
                "modelVersion '" + JsonBody.clip(id) + "' is not a GPT-SoVITS version; use one of " + versionIds()));
    }

    private static String versionIds() {
        return Arrays.stream(GptSovitsVersion.values()).map(GptSovitsVersion::id).collect(Collectors.joining(", "));
    }

    private static String promptText(String text) {
        if (text.isBlank()) {
            throw invalid("empty_text", "promptText", "field 'promptText' is empty; give the words the reference clip says");
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_PROMPT_CHARS) {
            throw invalid("text_too_long", "promptText",
                    "field 'promptText' has " + length + " characters; the limit is " + MAX_PROMPT_CHARS);
        }
        SpeechText.check(text).ifPresent(problem -> {
            throw invalid(problem.code(), "promptText", "field 'promptText' " + problem.description());
        });
        return text.strip();
    }

    private static String promptLanguage(String language, GptSovitsVersion version) {
        String code = language.strip().toLowerCase(Locale.ROOT);
        List<String> accepted = languages(version);
        if (!accepted.contains(code)) {
            throw invalid("unsupported_language", "promptLanguage", "promptLanguage '" + JsonBody.clip(language)
                    + "' is not one GPT-SoVITS " + version + " speaks; use one of " + String.join(", ", accepted));
        }
        return code;
    }

    /** The prompt languages GPT-SoVITS accepts for a model of this version. */
    public static List<String> languages(GptSovitsVersion version) {
        return version == GptSovitsVersion.V1 ? V1_LANGUAGES : V2_LANGUAGES;
    }

    private static Path gpt(VoiceUpload.UploadedFile file) {
        byte[] start = firstBytes(file.path(), 4);
        if (!(start.length == 4 && start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4)) {
            throw invalid("invalid_weights", "gpt", "the GPT weights file is not a PyTorch archive: it does not start"
                    + " with a zip's PK\\x03\\x04 (" + describe(start) + "); send the .ckpt that GPT-SoVITS saved");
        }
        archiveWithDataPkl(file.path(), "gpt", "GPT");
        return file.path();
    }

    private static Path sovits(VoiceUpload.UploadedFile file, GptSovitsVersion declared) {
        byte[] start = firstBytes(file.path(), 4);
        if (start.length < 4 || start[2] != 3 || start[3] != 4) {
            throw invalid("invalid_weights", "sovits", "the SoVITS weights file is not a PyTorch archive: after its"
                    + " first two bytes it does not go on as a zip (\\x03\\x04); send the .pth that GPT-SoVITS saved");
        }
        String head = new String(start, 0, 2, java.nio.charset.StandardCharsets.ISO_8859_1);
        List<GptSovitsVersion> versions = Arrays.stream(GptSovitsVersion.values())
                .filter(version -> version.acceptsSovitsHead(head)).toList();
        if (versions.isEmpty()) {
            throw invalid("invalid_weights", "sovits", "the SoVITS weights file starts with " + describe(head)
                    + ", which is neither a zip's PK nor a GPT-SoVITS version head (00 to 06)");
        }
        archiveWithDataPkl(file.path(), "sovits", "SoVITS");
        if (!declared.acceptsSovitsHead(head)) {
            String is = versions.stream().map(GptSovitsVersion::id).collect(Collectors.joining(" or "));
            throw invalid("model_version_mismatch", "sovits", "the SoVITS weights file is a " + is + " model (it starts"
                    + " with " + describe(head) + "), but modelVersion is " + declared
                    + "; send the weights of that version or declare " + is);
        }
        return file.path();
    }

    /** Both weights files are zips whose data lives under one folder: {@code <name>/data.pkl} is the pickle. */
    private static void archiveWithDataPkl(Path file, String param, String what) {
        List<String> names;
        try {
            names = ZipDirectory.names(file);
        } catch (ZipDirectory.Unreadable e) {
            throw invalid("invalid_weights", param, "the " + what + " weights file is not a PyTorch archive: it "
                    + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (names.stream().noneMatch(name -> name.endsWith("/data.pkl"))) {
            throw invalid("invalid_weights", param, "the " + what + " weights file is a zip but not a PyTorch archive:"
                    + " it has no '<name>/data.pkl' entry");
        }
    }

    private static String referenceFormat(VoiceUpload.UploadedFile file) {
        String name = file.fileName();
        String extension = name == null ? "" : VoiceArchive.extension(name);
        if (!REFERENCE_FORMATS.contains(extension)) {
            throw invalid("invalid_reference", "reference", (name == null || name.isBlank()
                    ? "the reference clip has no file name"
                    : "the reference clip '" + JsonBody.clip(name) + "' is not")
                    + " a " + REFERENCE_FORMATS.stream().map(f -> "." + f).collect(Collectors.joining(", "))
                    + " file; its extension says its format");
        }
        return extension;
    }

    private double referenceSeconds(Path file, String format) throws InterruptedException {
        double seconds = format.equals("wav")
                ? wavSeconds(file)
                : decodedSeconds(file, format, "cannot be decoded as " + format.toUpperCase(Locale.ROOT) + " audio");
        if (seconds < MIN_REFERENCE_SECONDS || seconds > MAX_REFERENCE_SECONDS) {
            throw invalid("invalid_reference", "reference", "the reference clip lasts "
                    + (seconds == Double.POSITIVE_INFINITY
                    ? (int) MEASURED_SECONDS + " s or more"
                    : String.format(Locale.ROOT, "%.2f s", seconds))
                    + "; GPT-SoVITS needs " + (int) MIN_REFERENCE_SECONDS + " to " + (int) MAX_REFERENCE_SECONDS + " s");
        }
        return seconds;
    }

    /** Integer PCM is read here; a WAV of float samples (or another codec) is left to FFmpeg, as librosa would read it. */
    private double wavSeconds(Path file) throws InterruptedException {
        try {
            return Wav.parse(Files.readAllBytes(file)).durationSeconds();
        } catch (IllegalArgumentException notPcm) {
            return decodedSeconds(file, "wav", "is not a readable WAV file: " + notPcm.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double decodedSeconds(Path file, String format, String problem) throws InterruptedException {
        try {
            double seconds = decoder.decode(file, format, MEASURING_RATE, MEASURED_SECONDS).durationSeconds();
            return seconds >= MEASURED_SECONDS ? Double.POSITIVE_INFINITY : seconds;
        } catch (AudioDecoder.DecodingException e) {
            // FFmpeg's words name the gateway's temporary files: logged, not sent.
            LOG.debugf("reference clip refused by FFmpeg: %s", e.getMessage());
            throw invalid("invalid_reference", "reference", "the reference clip " + problem);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] firstBytes(Path file, int count) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(byte[] start) {
        if (start.length == 0) {
            return "the file is empty";
        }
        StringBuilder hex = new StringBuilder("it starts with");
        for (byte b : start) {
            hex.append(String.format(" 0x%02X", b & 0xff));
        }
        return hex.toString();
    }

    /** A two-byte head: as text when printable ('05'), else as bytes. */
    private static String describe(String head) {
        boolean printable = head.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        return printable ? "'" + head + "'" : String.format("bytes 0x%02X 0x%02X", (int) head.charAt(0), (int) head.charAt(1));
    }
}

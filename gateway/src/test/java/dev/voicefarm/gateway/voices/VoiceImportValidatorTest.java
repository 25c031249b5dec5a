package dev.voicefarm.gateway.voices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.audio.AudioDecoder;
import dev.voicefarm.common.audio.AudioEncoder;
import dev.voicefarm.common.audio.AudioFormat;
import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.testing.GptSovitsWeights;
import dev.voicefarm.common.voices.GptSovitsVersion;
import dev.voicefarm.gateway.api.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rule of a voice import, with files shaped like GPT-SoVITS's own (the common test fixtures). */
class VoiceImportValidatorTest {

    private static final VoiceImportLimits LIMITS = new VoiceImportLimits(64 * 1024, 64 * 1024, 2 * 1024 * 1024);

    private final VoiceImportValidator validator = new VoiceImportValidator(LIMITS, new AudioDecoder("ffmpeg"));

    @TempDir
    Path dir;

    // ---- the happy paths

    @Test
    void acceptsTheFilesGptSovitsSaves() throws Exception {
        ImportedVoice voice = validator.validate(upload(GptSovitsVersion.V2));
        assertEquals("Narrator", voice.name());
        assertEquals(GptSovitsVersion.V2, voice.modelVersion());
        assertEquals("This is what the reference clip says.", voice.promptText());
        assertEquals("en", voice.promptLanguage());
        assertEquals("wav", voice.referenceFormat());
        assertEquals("reference.wav", voice.referenceFile());
        assertEquals(5.0, voice.referenceSeconds(), 1e-9);
    }

    @ParameterizedTest
    @EnumSource(GptSovitsVersion.class)
    void acceptsTheSovitsWeightsOfEveryVersionDeclaredAsThatVersion(GptSovitsVersion version) throws Exception {
        ImportedVoice voice = validator.validate(new VoiceUpload("Narrator", version.id(), "Hello there.", "zh",
                file("gpt.ckpt", GptSovitsWeights.gpt("a")), file("s.pth", GptSovitsWeights.sovits(version, "a", 50)),
                file("ref.wav", GptSovitsWeights.reference(4))));
        assertEquals(version, voice.modelVersion());
    }

    /** Weights saved before GPT-SoVITS wrote version heads are plain PyTorch zips: v1 or v2. */
    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void acceptsPlainArchivesAsV1OrV2(String version) throws Exception {
        byte[] plain = GptSovitsWeights.sovits(GptSovitsVersion.V2, "a", 50);
        plain[0] = 'P';
        plain[1] = 'K';
        VoiceUpload upload = upload(GptSovitsVersion.V2);
        ImportedVoice voice = validator.validate(new VoiceUpload("Narrator", version, "Hello.", "en", upload.gpt(),
                file("old.pth", plain), upload.reference()));
        assertEquals(version, voice.modelVersion().id());
    }

    @Test
    void takesTheLanguageInAnyCaseAndStoresGptSovitsSpelling() throws Exception {
        VoiceUpload upload = upload(GptSovitsVersion.V2_PRO);
        ImportedVoice voice = validator.validate(withLanguage(upload, "ALL_Yue"));
        assertEquals("all_yue", voice.promptLanguage());
    }

    @Test
    void acceptsCompressedReferenceClipsDecodedByFfmpeg() throws Exception {
        byte[] mp3 = new AudioEncoder("ffmpeg").encode(Wav.parse(GptSovitsWeights.reference(5)), AudioFormat.MP3, 1.0).bytes();
        ImportedVoice voice = validator.validate(withReference(upload(GptSovitsVersion.V4), file("clip.MP3", mp3)));
        assertEquals("mp3", voice.referenceFormat());
        assertEquals("reference.mp3", voice.referenceFile());
        assertEquals(5.0, voice.referenceSeconds(), 0.1);
    }

    /** librosa reads WAVs of float samples; Wav does not, so FFmpeg measures them. */
    @Test
    void acceptsAFloatWavThroughFfmpeg() throws Exception {
        ImportedVoice voice = validator.validate(withReference(upload(GptSovitsVersion.V2), file("f.wav", floatWav(6))));
        assertEquals(6.0, voice.referenceSeconds(), 0.01);
    }

    @ParameterizedTest
    @ValueSource(doubles = {3.0, 10.0})
    void acceptsClipsAtTheEdgesOfGptSovitsRange(double seconds) throws Exception {
        ImportedVoice voice = validator.validate(withReference(upload(GptSovitsVersion.V2),
                file("edge.wav", GptSovitsWeights.reference(seconds))));
        assertEquals(seconds, voice.referenceSeconds(), 1e-9);
    }

    // ---- name

    @Test
    void refusesAMissingName() throws Exception {
        VoiceUpload upload = upload(GptSovitsVersion.V2);
        assertRefused("missing_field", "name", "'name' is required", new VoiceUpload(null, upload.modelVersion(),
                upload.promptText(), upload.promptLanguage(), upload.gpt(), upload.sovits(), upload.reference()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "tab\there", "65 characters"})
    void refusesNamesTheFarmRefusesForTrainedVoices(String name) throws Exception {
        VoiceUpload upload = upload(GptSovitsVersion.V2);
        String sent = name.equals("65 characters") ? "n".repeat(65) : name;
        assertRefused("invalid_name", "name", "1 to 64 characters", new VoiceUpload(sent, upload.modelVersion(),
                upload.promptText(), upload.promptLanguage(), upload.gpt(), upload.sovits(), upload.reference()));
    }

    // ---- modelVersion

    @Test
    void refusesAMissingModelVersion() throws Exception {
        assertRefused("missing_field", "modelVersion", "'modelVersion' is required", version(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v5", "V2", "v2pro", ""})
    void refusesVersionsGptSovitsDoesNotHave(String id) throws Exception {
        assertRefused("unsupported_model_version", "modelVersion", "v1, v2, v2Pro, v2ProPlus, v3, v4", version(id));
    }

    // ---- promptText

    @Test
    void refusesAMissingPromptText() throws Exception {
        assertRefused("missing_field", "promptText", "'promptText' is required", prompt(null));
    }

    @Test
    void refusesAnEmptyPromptText() throws Exception {
        assertRefused("empty_text", "promptText", "'promptText' is empty", prompt(" \n "));
    }

    @Test
    void refusesAPromptTextOver1000Characters() throws Exception {
        assertRefused("text_too_long", "promptText", "has 1001 characters; the limit is 1000", prompt("語".repeat(1001)));
        validator.validate(prompt("語".repeat(1000)));
    }

    @Test
    void refusesControlCharactersInThePromptText() throws Exception {
        assertRefused("invalid_text", "promptText", "U+0007", prompt("Ring\u0007"));
    }

    // ---- promptLanguage

    @Test
    void refusesAMissingPromptLanguage() throws Exception {
        assertRefused("missing_field", "promptLanguage", "'promptLanguage' is required",
                withLanguage(upload(GptSovitsVersion.V2), null));
    }

    @Test
    void refusesLanguagesGptSovitsDoesNotSpeak() throws Exception {
        assertRefused("unsupported_language", "promptLanguage", "use one of auto, auto_yue, en, zh, ja, yue, ko",
                withLanguage(upload(GptSovitsVersion.V2), "de"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ko", "yue", "all_ko", "auto_yue"})
    void refusesV2LanguagesForAV1Model(String language) throws Exception {
        assertRefused("unsupported_language", "promptLanguage", "GPT-SoVITS v1 speaks; use one of auto, en, zh, ja,"
                + " all_zh, all_ja", withLanguage(upload(GptSovitsVersion.V1), language));
    }

    // ---- gpt

    @Test
    void refusesAMissingGptFile() throws Exception {
        VoiceUpload upload = upload(GptSovitsVersion.V2);
        assertRefused("missing_field", "gpt", "'gpt' is required", new VoiceUpload(upload.name(), upload.modelVersion(),
                upload.promptText(), upload.promptLanguage(), null, upload.sovits(), upload.reference()));
    }

    @Test
    void refusesAGptFileThatIsNotAZip() throws Exception {
        assertRefused("invalid_weights", "gpt", "does not start with a zip's PK\\x03\\x04 (it starts with 0x68 0x65",
                withGpt(file("gpt.ckpt", "hello, not weights".getBytes(StandardCharsets.US_ASCII))));
        assertRefused("invalid_weights", "gpt", "the file is empty", withGpt(file("gpt.ckpt", new byte[0])));
    }

    /** A SoVITS file sent as the GPT weights: its head is a version, not a zip's PK. */
    @Test
    void refusesAGptFileWithAVersionHead() throws Exception {
        assertRefused("invalid_weights", "gpt", "not a PyTorch archive",
                withGpt(file("gpt.ckpt", GptSovitsWeights.sovits(GptSovitsVersion.V4, "a", 50))));
    }

    @Test
    void refusesAZipWithoutDataPklAsGptWeights() throws Exception {
        assertRefused("invalid_weights", "gpt", "no '<name>/data.pkl' entry",
                withGpt(file("gpt.ckpt", zip("gpt/weights.bin", "data.pkl"))));
    }

    @Test
    void refusesAGptArchiveCutShort() throws Exception {
        byte[] gpt = GptSovitsWeights.gpt("a");
        assertRefused("invalid_weights", "gpt", "has no zip end record",
                withGpt(file("gpt.ckpt", Arrays.copyOf(gpt, gpt.length - 30))));
    }

    @Test
    void refusesGptWeightsOverTheLimitWith413() throws Exception {
        byte[] big = Arrays.copyOf(GptSovitsWeights.gpt("a"), 64 * 1024 + 1);
        ApiException refused = assertThrows(ApiException.class, () -> validator.validate(withGpt(file("gpt.ckpt", big))));
        assertEquals(413, refused.status().getStatusCode());
        assertEquals("body_too_large", refused.code());
        assertEquals("gpt", refused.param());
        assertTrue(refused.getMessage().contains("has 65537 bytes; the limit is 65536 bytes"), refused.getMessage());
    }

    // ---- sovits

    @Test
    void refusesAMissingSovitsFile() throws Exception {
        VoiceUpload upload = upload(GptSovitsVersion.V2);
        assertRefused("missing_field", "sovits", "'sovits' is required", new VoiceUpload(upload.name(),
                upload.modelVersion(), upload.promptText(), upload.promptLanguage(), upload.gpt(), null, upload.reference()));
    }

    @Test
    void refusesASovitsFileOfAnotherVersionSayingWhichItIs() throws Exception {
        assertRefused("model_version_mismatch", "sovits", "is a v3 model (it starts with '03'), but modelVersion is v2",
                withSovits(GptSovitsVersion.V2, file("s.pth", GptSovitsWeights.sovits(GptSovitsVersion.V3, "a", 50))));
        assertRefused("model_version_mismatch", "sovits", "is a v2ProPlus model (it starts with '06'), but modelVersion is v2Pro",
                withSovits(GptSovitsVersion.V2_PRO, file("s.pth", GptSovitsWeights.sovits(GptSovitsVersion.V2_PRO_PLUS, "a", 50))));
    }

    @Test
    void refusesAPlainArchiveDeclaredAsALaterVersion() throws Exception {
        assertRefused("model_version_mismatch", "sovits", "is a v1 or v2 model (it starts with 'PK'), but modelVersion is v4",
                withSovits(GptSovitsVersion.V4, file("s.pth", GptSovitsWeights.gpt("a"))));
    }

    @Test
    void refusesAHeadThatIsNoVersion() throws Exception {
        byte[] sovits = GptSovitsWeights.sovits(GptSovitsVersion.V2, "a", 50);
        sovits[0] = '0';
        sovits[1] = '9';
        assertRefused("invalid_weights", "sovits", "starts with '09', which is neither a zip's PK nor a GPT-SoVITS version head",
                withSovits(GptSovitsVersion.V2, file("s.pth", sovits)));
    }

    @Test
    void refusesASovitsFileThatIsNotAnArchive() throws Exception {
        assertRefused("invalid_weights", "sovits", "does not go on as a zip",
                withSovits(GptSovitsVersion.V2, file("s.pth", "01 but nothing else".getBytes(StandardCharsets.US_ASCII))));
        byte[] noPickle = zip("sovits/weights.bin", "x");
        noPickle[0] = '0';
        noPickle[1] = '1';
        assertRefused("invalid_weights", "sovits", "no '<name>/data.pkl' entry",
                withSovits(GptSovitsVersion.V2, file("s.pth", noPickle)));
    }

    // ---- reference

    @Test
    void refusesAMissingReferenceClip() throws Exception {
        assertRefused("missing_field", "reference", "'reference' is required", withReference(upload(GptSovitsVersion.V2), null));
    }

    @Test
    void refusesAReferenceClipOfAnotherFormatOrWithoutAName() throws Exception {
        byte[] wav = GptSovitsWeights.reference(5);
        assertRefused("invalid_reference", "reference", "'clip.aiff' is not a .wav, .mp3, .flac, .ogg, .m4a file",
                withReference(upload(GptSovitsVersion.V2), file("clip.aiff", wav)));
        assertRefused("invalid_reference", "reference", "has no file name",
                withReference(upload(GptSovitsVersion.V2), new VoiceUpload.UploadedFile(write("noname", wav), null)));
    }

    @ParameterizedTest
    @ValueSource(doubles = {2.0, 2.99})
    void refusesAReferenceClipShorterThan3Seconds(double seconds) throws Exception {
        assertRefused("invalid_reference", "reference",
                "lasts %.2f s; GPT-SoVITS needs 3 to 10 s".formatted(seconds),
                withReference(upload(GptSovitsVersion.V2), file("short.wav", GptSovitsWeights.reference(seconds))));
    }

    @Test
    void refusesAReferenceClipLongerThan10Seconds() throws Exception {
        assertRefused("invalid_reference", "reference", "lasts 12.00 s; GPT-SoVITS needs 3 to 10 s",
                withReference(upload(GptSovitsVersion.V2), file("long.wav", GptSovitsWeights.reference(12))));
    }

    /** FFmpeg decodes a minute at most: a longer compressed clip is only said to be that long. */
    @Test
    void saysACompressedClipOverAMinuteLastsAMinuteOrMore() throws Exception {
        byte[] mp3 = new AudioEncoder("ffmpeg").encode(Wav.parse(GptSovitsWeights.reference(61)), AudioFormat.MP3, 1.0).bytes();
        assertRefused("invalid_reference", "reference", "lasts 60 s or more",
                withReference(upload(GptSovitsVersion.V2), file("long.mp3", mp3)));
    }

    @Test
    void refusesAReferenceClipThatDoesNotDecode() throws Exception {
        byte[] noise = "this is no audio at all, in any format".repeat(20).getBytes(StandardCharsets.US_ASCII);
        assertRefused("invalid_reference", "reference", "is not a readable WAV file: not a RIFF/WAVE file",
                withReference(upload(GptSovitsVersion.V2), file("clip.wav", noise)));
        assertRefused("invalid_reference", "reference", "cannot be decoded as OGG audio",
                withReference(upload(GptSovitsVersion.V2), file("clip.ogg", noise)));
    }

    /** A playlist named .mp3 is read as MP3 only: FFmpeg never follows what it lists. */
    @Test
    void neverReadsAPlaylistSentAsAClip() throws Exception {
        byte[] playlist = "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertRefused("invalid_reference", "reference", "cannot be decoded as MP3 audio",
                withReference(upload(GptSovitsVersion.V2), file("clip.mp3", playlist)));
    }

    @Test
    void refusesAReferenceClipOverTheLimitWith413() throws Exception {
        byte[] big = GptSovitsWeights.reference(33); // 33 s at 32 kHz: 2.1 MB
        ApiException refused = assertThrows(ApiException.class,
                () -> validator.validate(withReference(upload(GptSovitsVersion.V2), file("big.wav", big))));
        assertEquals(413, refused.status().getStatusCode());
        assertEquals("reference", refused.param());
    }

    // ---- helpers

    private void assertRefused(String code, String param, String message, VoiceUpload upload) {
        ApiException refused = assertThrows(ApiException.class, () -> validator.validate(upload));
        assertEquals(400, refused.status().getStatusCode(), refused.getMessage());
        assertEquals(code, refused.code(), refused.getMessage());
        assertEquals(param, refused.param(), refused.getMessage());
        assertTrue(refused.getMessage().contains(message), refused.getMessage());
    }

    private VoiceUpload upload(GptSovitsVersion version) throws IOException {
        return new VoiceUpload("  Narrator ", version.id(), "This is what the reference clip says.", "en",
                file("narrator.ckpt", GptSovitsWeights.gpt("narrator")),
                file("narrator.pth", GptSovitsWeights.sovits(version, "narrator", 40)),
                file("clip.wav", GptSovitsWeights.reference(5)));
    }

    private VoiceUpload version(String id) throws IOException {
        VoiceUpload upload = upload(GptSovitsVersion.V2);
        return new VoiceUpload(upload.name(), id, upload.promptText(), upload.promptLanguage(), upload.gpt(),
                upload.sovits(), upload.reference());
    }

    private VoiceUpload prompt(String text) throws IOException {
        VoiceUpload upload = upload(GptSovitsVersion.V2);
        return new VoiceUpload(upload.name(), upload.modelVersion(), text, upload.promptLanguage(), upload.gpt(),
                upload.sovits(), upload.reference());
    }

    private static VoiceUpload withLanguage(VoiceUpload upload, String language) {
        return new VoiceUpload(upload.name(), upload.modelVersion(), upload.promptText(), language, upload.gpt(),
                upload.sovits(), upload.reference());
    }

    private VoiceUpload withGpt(VoiceUpload.UploadedFile gpt) throws IOException {
        VoiceUpload upload = upload(GptSovitsVersion.V2);
        return new VoiceUpload(upload.name(), upload.modelVersion(), upload.promptText(), upload.promptLanguage(), gpt,
                upload.sovits(), upload.reference());
    }

    private VoiceUpload withSovits(GptSovitsVersion declared, VoiceUpload.UploadedFile sovits) throws IOException {
        VoiceUpload upload = upload(declared);
        return new VoiceUpload(upload.name(), upload.modelVersion(), upload.promptText(), upload.promptLanguage(),
                upload.gpt(), sovits, upload.reference());
    }

    private static VoiceUpload withReference(VoiceUpload upload, VoiceUpload.UploadedFile reference) {
        return new VoiceUpload(upload.name(), upload.modelVersion(), upload.promptText(), upload.promptLanguage(),
                upload.gpt(), upload.sovits(), reference);
    }

    private int files;

    /** The file as an upload names it, stored (as Quarkus stores parts) under a name of the gateway's. */
    private VoiceUpload.UploadedFile file(String name, byte[] content) throws IOException {
        return new VoiceUpload.UploadedFile(write("upload" + files++, content), name);
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name + "-" + files++), content);
    }

    private static byte[] zip(String entry, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** A WAV of 32-bit float samples (format 3), as DAWs export. */
    private static byte[] floatWav(double seconds) {
        int rate = 24_000;
        int frames = (int) Math.round(seconds * rate);
        ByteBuffer wav = ByteBuffer.allocate(44 + frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + frames * 4).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 3).putShort((short) 1)
                .putInt(rate).putInt(rate * 4).putShort((short) 4).putShort((short) 32)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(frames * 4);
        for (int i = 0; i < frames; i++) {
            wav.putFloat((float) (0.3 * Math.sin(2 * Math.PI * 220 * i / rate)));
        }
        return wav.array();
    }
}

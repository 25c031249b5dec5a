package dev.voicefarm.gateway.voices;

import dev.voicefarm.common.testing.InMemoryZip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.testing.GptSovitsWeights;
import dev.voicefarm.common.voices.GptSovitsVersion;
import dev.voicefarm.gateway.api.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zip form of a voice import: what it must hold, what is ignored, and its limits on the bytes inflated. */
class VoiceArchiveTest {

    private static final VoiceImportLimits LIMITS = new VoiceImportLimits(64 * 1024, 64 * 1024, 1024 * 1024);

    private final VoiceArchive archive = new VoiceArchive(LIMITS);

    @TempDir
    Path dir;

    @Test
    void unpacksTheFilesAndReadsVoiceJsonIgnoringWhatMacOsAdds() throws Exception {
        byte[] zip = VoiceZips.complete(GptSovitsVersion.V2_PRO)
                .add("__MACOSX/narrator/._narrator-e15.ckpt", "resource fork")
                .add("narrator/._ref.wav", "resource fork")
                .add("narrator/README.txt", "how I trained it")
                .bytes();
        VoiceUpload upload = read(zip);
        assertEquals("Narrator", upload.name());
        assertEquals("v2Pro", upload.modelVersion());
        assertEquals("What the clip says.", upload.promptText());
        assertEquals("en", upload.promptLanguage());
        assertEquals("narrator/narrator-e15.ckpt", upload.gpt().fileName());
        assertArrayEquals(GptSovitsWeights.gpt("narrator"), Files.readAllBytes(upload.gpt().path()));
        assertArrayEquals(GptSovitsWeights.sovits(GptSovitsVersion.V2_PRO, "narrator", 40),
                Files.readAllBytes(upload.sovits().path()));
        assertEquals("narrator/ref.wav", upload.reference().fileName());
        assertArrayEquals(GptSovitsWeights.reference(5), Files.readAllBytes(upload.reference().path()));
    }

    /** Missing fields are left to the validator, which says so for both forms alike. */
    @Test
    void leavesFieldsVoiceJsonLacksUnset() throws Exception {
        VoiceUpload upload = read(withVoiceJson("{\"name\": \"Narrator\"}"));
        assertEquals("Narrator", upload.name());
        assertNull(upload.modelVersion());
        assertNull(upload.promptText());
    }

    @Test
    void refusesABodyThatIsNotAZip() {
        assertRefused("invalid_voice_archive", "body", "not a zip archive", "hello".getBytes());
        assertRefused("invalid_voice_archive", "body", "the request body is empty", new byte[0]);
        assertRefused("invalid_voice_archive", "body", "the zip archive is empty", new InMemoryZip().bytes());
    }

    @Test
    void refusesAZipCutShort() {
        byte[] zip = VoiceZips.complete(GptSovitsVersion.V2).bytes();
        assertRefused("invalid_voice_archive", "body", "cannot be read", java.util.Arrays.copyOf(zip, zip.length / 2));
    }

    @Test
    void refusesAZipWithoutOneOfItsFiles() {
        assertRefused("missing_field", "voice.json", "holds no voice.json", new InMemoryZip()
                .add("a.ckpt", GptSovitsWeights.gpt("a")).add("a.pth", GptSovitsWeights.sovits(GptSovitsVersion.V2, "a", 1))
                .add("a.wav", GptSovitsWeights.reference(5)).bytes());
        assertRefused("missing_field", "gpt", "holds no .ckpt file", new InMemoryZip()
                .add("voice.json", VoiceZips.voiceJson("A", "v2", "Hi.", "en"))
                .add("a.pth", GptSovitsWeights.sovits(GptSovitsVersion.V2, "a", 1)).add("a.wav", GptSovitsWeights.reference(5)).bytes());
        assertRefused("missing_field", "sovits", "holds no .pth file", new InMemoryZip()
                .add("voice.json", VoiceZips.voiceJson("A", "v2", "Hi.", "en"))
                .add("a.ckpt", GptSovitsWeights.gpt("a")).add("a.wav", GptSovitsWeights.reference(5)).bytes());
        assertRefused("missing_field", "reference", "holds no reference clip (.wav, .mp3, .flac, .ogg, .m4a)", new InMemoryZip()
                .add("voice.json", VoiceZips.voiceJson("A", "v2", "Hi.", "en"))
                .add("a.ckpt", GptSovitsWeights.gpt("a")).add("a.pth", GptSovitsWeights.sovits(GptSovitsVersion.V2, "a", 1))
                .add("a.aiff", "not a format GPT-SoVITS is given here").bytes());
    }

    @Test
    void refusesTwoFilesOfOneKindNamingThem() {
        assertRefused("invalid_voice_archive", "gpt", "2 entries where it may hold only a .ckpt file (the GPT weights):"
                        + " narrator/narrator-e15.ckpt, narrator/narrator-e10.ckpt",
                VoiceZips.complete(GptSovitsVersion.V2).add("narrator/narrator-e10.ckpt", GptSovitsWeights.gpt("a")).bytes());
        assertRefused("invalid_voice_archive", "reference", "2 entries where it may hold only a reference clip",
                VoiceZips.complete(GptSovitsVersion.V2).add("other.mp3", "x").bytes());
    }

    @Test
    void refusesAVoiceJsonThatIsNotOneStrictObject() {
        assertRefused("malformed_json", "voice.json", "voice.json: the file is not one valid JSON object",
                withVoiceJson("{\"name\": "));
        assertRefused("malformed_json", "voice.json", "voice.json:", withVoiceJson("{\"name\": \"A\", \"name\": \"B\"}"));
        assertRefused("unknown_field", "speaker", "voice.json: unknown field 'speaker'",
                withVoiceJson("{\"name\": \"A\", \"speaker\": \"B\"}"));
        assertRefused("wrong_type", "modelVersion", "field 'modelVersion' must be a string, not number",
                withVoiceJson("{\"name\": \"A\", \"modelVersion\": 2}"));
    }

    /** Counted on the bytes inflated: a few kilobytes of zip that unpack past the limit stop there. */
    @Test
    void refusesAnEntryThatUnpacksPastItsLimitWith413() {
        byte[] zip = new InMemoryZip()
                .add("voice.json", VoiceZips.voiceJson("A", "v2", "Hi.", "en"))
                .add("a.ckpt", new byte[10 * 1024 * 1024])
                .add("a.pth", GptSovitsWeights.sovits(GptSovitsVersion.V2, "a", 1))
                .add("a.wav", GptSovitsWeights.reference(5)).bytes();
        assertTrue(zip.length < 1_000_000, "a zip far smaller than its entries: " + zip.length);
        ApiException refused = assertThrows(ApiException.class, () -> read(zip));
        assertEquals(413, refused.status().getStatusCode());
        assertEquals("gpt", refused.param());
        assertTrue(refused.getMessage().contains("('a.ckpt' in the zip) unpacks to more than 65536 bytes"),
                refused.getMessage());
    }

    private byte[] withVoiceJson(String json) {
        return new InMemoryZip().add("voice.json", json)
                .add("a.ckpt", GptSovitsWeights.gpt("a")).add("a.pth", GptSovitsWeights.sovits(GptSovitsVersion.V2, "a", 1))
                .add("a.wav", GptSovitsWeights.reference(5)).bytes();
    }

    private VoiceUpload read(byte[] zip) throws Exception {
        Path body = Files.write(Files.createTempFile(dir, "body", ".zip"), zip);
        return archive.read(body, Files.createTempDirectory(dir, "unpacked"));
    }

    private void assertRefused(String code, String param, String message, byte[] zip) {
        ApiException refused = assertThrows(ApiException.class, () -> read(zip));
        assertEquals(400, refused.status().getStatusCode(), refused.getMessage());
        assertEquals(code, refused.code(), refused.getMessage());
        assertEquals(param, refused.param(), refused.getMessage());
        assertTrue(refused.getMessage().contains(message), refused.getMessage());
    }
}

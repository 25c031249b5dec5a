package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicefarm.common.audio.AudioEncoder;
import dev.voicefarm.common.audio.AudioFormat;
import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.hash.Sha256;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.storage.ObjectKeys;
import dev.voicefarm.common.testing.GptSovitsWeights;
import dev.voicefarm.common.testing.LocalStack;
import dev.voicefarm.common.testing.MultipartForm;
import dev.voicefarm.common.voices.GptSovitsVersion;
import dev.voicefarm.common.voices.Voice;
import dev.voicefarm.common.voices.VoiceFamily;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Importing a user's GPT-SoVITS voice into the running farm ({@code POST /v1/voices}), in both
 * forms, with weights files shaped like GPT-SoVITS's own: the voice is listed beside the tenant's
 * trained voices with its family, its files and record are in S3 byte for byte, and imports that
 * break a rule are 400 JSON naming the part and leave nothing behind, in S3 or in the catalogue.
 */
class VoiceImportIT {

    private static final String VOICES = "/v1/voices";

    @Test
    void aVoiceImportedAsAFormIsStoredAndListed() throws Exception {
        TestTenants.TestTenant tenant = TestTenants.create("import-form", null);
        byte[] gpt = GptSovitsWeights.gpt("form-speaker");
        byte[] sovits = GptSovitsWeights.sovits(GptSovitsVersion.V2_PRO, "form-speaker", 35);
        byte[] reference = GptSovitsWeights.reference(5);
        MultipartForm form = new MultipartForm().field("name", "Form speaker").field("modelVersion", "v2Pro")
                .field("promptText", "我是参考音频里说的话。").field("promptLanguage", "zh")
                .file("gpt", "form-speaker-e15.ckpt", gpt).file("sovits", "form-speaker_e8_s96.pth", sovits)
                .file("reference", "reference clip.wav", reference);

        FarmClient.Reply created = tenant.client().post(VOICES, form.contentType(), form.bytes());
        assertEquals(201, created.status(), created.text());
        JsonNode voice = created.json();
        String id = voice.path("id").asText();
        assertEquals(VOICES + "/" + id, created.header("Location"));
        assertEquals(tenant.id(), voice.path("tenant").asText());
        assertEquals("Form speaker", voice.path("name").asText());
        assertEquals("gpt-sovits", voice.path("family").asText());
        assertEquals(32_000, voice.path("sampleRate").asInt());
        JsonNode model = voice.path("gptSovits");
        assertEquals("v2Pro", model.path("modelVersion").asText());
        assertEquals("我是参考音频里说的话。", model.path("promptText").asText());
        assertEquals("zh", model.path("promptLanguage").asText());
        assertEquals("reference.wav", model.path("referenceFile").asText());
        assertEquals(5.0, model.path("referenceSeconds").asDouble(), 1e-9);
        assertEquals(gpt.length, model.path("gptBytes").asLong());
        assertEquals(Sha256.hex(gpt), model.path("gptSha256").asText());
        assertEquals(sovits.length, model.path("sovitsBytes").asLong());
        assertEquals(Sha256.hex(sovits), model.path("sovitsSha256").asText());

        assertListed(tenant, id, voice);
        assertStored(tenant.id(), id, Map.of("gpt.ckpt", gpt, "sovits.pth", sovits, "reference.wav", reference));
        FarmClient stranger = TestTenants.create("import-other", null).client();
        assertEquals(404, stranger.get(VOICES + "/" + id).status(), "another tenant's voice");
        assertFalse(stranger.get(VOICES).text().contains(id));
    }

    @Test
    void aVoiceImportedAsAZipIsStoredAndListed() throws Exception {
        TestTenants.TestTenant tenant = TestTenants.create("import-zip", null);
        byte[] gpt = GptSovitsWeights.gpt("zip-speaker");
        byte[] sovits = GptSovitsWeights.sovits(GptSovitsVersion.V4, "zip-speaker", 60);
        byte[] reference = new AudioEncoder("ffmpeg")
                .encode(Wav.parse(GptSovitsWeights.reference(7)), AudioFormat.MP3, 1.0).bytes();
        byte[] zip = zip(Map.of(
                "zip-speaker/voice.json", voiceJson("Zip speaker", "v4", "What the clip says.", "EN").getBytes(StandardCharsets.UTF_8),
                "zip-speaker/zip-speaker-e10.ckpt", gpt,
                "zip-speaker/zip-speaker_e4_s40_l32.pth", sovits,
                "zip-speaker/ref.mp3", reference,
                "__MACOSX/zip-speaker/._ref.mp3", new byte[] {0, 5, 22, 7}));

        FarmClient.Reply created = tenant.client().postZip(VOICES, zip);
        assertEquals(201, created.status(), created.text());
        JsonNode voice = created.json();
        String id = voice.path("id").asText();
        assertEquals("gpt-sovits", voice.path("family").asText());
        assertEquals(48_000, voice.path("sampleRate").asInt());
        assertEquals("v4", voice.path("gptSovits").path("modelVersion").asText());
        assertEquals("en", voice.path("gptSovits").path("promptLanguage").asText());
        assertEquals("reference.mp3", voice.path("gptSovits").path("referenceFile").asText());
        assertEquals(7.0, voice.path("gptSovits").path("referenceSeconds").asDouble(), 0.1);

        assertListed(tenant, id, voice);
        assertStored(tenant.id(), id, Map.of("gpt.ckpt", gpt, "sovits.pth", sovits, "reference.mp3", reference));
    }

    @Test
    void importsThatBreakARuleAre400NamingTheirPartAndStoreNothing() throws Exception {
        TestTenants.TestTenant tenant = TestTenants.create("import-bad", null);
        FarmClient client = tenant.client();
        byte[] v2Sovits = GptSovitsWeights.sovits(GptSovitsVersion.V2, "bad", 50);

        assertRefused(post(client, form("v5", v2Sovits)), "unsupported_model_version", "modelVersion",
                "'v5' is not a GPT-SoVITS version");
        MultipartForm notAnArchive = new MultipartForm().field("name", "Bad").field("modelVersion", "v2")
                .field("promptText", "Hello there.").field("promptLanguage", "en")
                .file("gpt", "bad.ckpt", "just text, no weights".getBytes(StandardCharsets.US_ASCII))
                .file("sovits", "bad.pth", v2Sovits).file("reference", "ref.wav", GptSovitsWeights.reference(5));
        assertRefused(post(client, notAnArchive), "invalid_weights", "gpt", "not a PyTorch archive");
        assertRefused(post(client, form("v2", GptSovitsWeights.sovits(GptSovitsVersion.V3, "bad", 50))),
                "model_version_mismatch", "sovits", "is a v3 model (it starts with '03'), but modelVersion is v2");
        assertRefused(post(client, withClip(v2Sovits, 2)), "invalid_reference", "reference",
                "lasts 2.00 s; GPT-SoVITS needs 3 to 10 s");
        assertRefused(post(client, withClip(v2Sovits, 12)), "invalid_reference", "reference",
                "lasts 12.00 s; GPT-SoVITS needs 3 to 10 s");
        MultipartForm noSovits = new MultipartForm().field("name", "Bad").field("modelVersion", "v2")
                .field("promptText", "Hello there.").field("promptLanguage", "en")
                .file("gpt", "bad.ckpt", GptSovitsWeights.gpt("bad")).file("reference", "ref.wav", GptSovitsWeights.reference(5));
        assertRefused(post(client, noSovits), "missing_field", "sovits", "'sovits' is required");

        // The same rules for the zip form.
        assertRefused(client.postZip(VOICES, zip(Map.of(
                        "voice.json", voiceJson("Bad", "v2", "Hello there.", "en").getBytes(StandardCharsets.UTF_8),
                        "bad.ckpt", GptSovitsWeights.gpt("bad"),
                        "bad.pth", GptSovitsWeights.sovits(GptSovitsVersion.V2_PRO_PLUS, "bad", 50),
                        "ref.wav", GptSovitsWeights.reference(5)))),
                "model_version_mismatch", "sovits", "is a v2ProPlus model");
        assertRefused(client.postZip(VOICES, zip(Map.of(
                        "bad.ckpt", GptSovitsWeights.gpt("bad"), "bad.pth", v2Sovits, "ref.wav", GptSovitsWeights.reference(5)))),
                "missing_field", "voice.json", "holds no voice.json");
        assertRefused(client.postZip(VOICES, zip(Map.of(
                        "voice.json", voiceJson("Bad", "v2", "Hello there.", "en").getBytes(StandardCharsets.UTF_8),
                        "bad.ckpt", GptSovitsWeights.gpt("bad"), "bad.pth", v2Sovits,
                        "ref.wav", GptSovitsWeights.reference(12)))),
                "invalid_reference", "reference", "lasts 12.00 s");

        assertEquals(0, client.get(VOICES).json().path("voices").size(), "no voice is listed");
        try (ArtifactStore store = new ArtifactStore(LocalStack.s3())) {
            List<ArtifactStore.StoredObject> left = store.list(ObjectKeys.MODELS_BUCKET, tenant.id() + "/");
            assertTrue(left.isEmpty(), "nothing stored in S3: " + left);
        }
    }

    /** The whole request is refused from its Content-Length (2100 MB by default) before it is read. */
    @Test
    void aRequestOverTheLimitIs413JsonBeforeItsBodyIsRead() throws Exception {
        RawHttp.Answer answer = new RawHttp(LocalStack.gatewayUrl()).send("POST", VOICES,
                List.of(List.of("Authorization", "Bearer " + LocalStack.apiKey()),
                        List.of("Content-Type", "application/zip")),
                "PK".getBytes(StandardCharsets.US_ASCII), 3L * 1024 * 1024 * 1024);
        assertEquals(413, answer.status(), answer.text());
        assertTrue(answer.text().contains("\"error\":\"body_too_large\""), answer.text());
        assertTrue(answer.text().contains("voice imports are limited to"), answer.text());
    }

    /** GPT-SoVITS weights are pickles GPT-SoVITS unpickles: a tenant the operator does not trust gets 403, before its body. */
    @Test
    void aTenantNotTrustedWithCodeOnTheHostsMayNotImport() throws Exception {
        TestTenants.TestTenant untrusted = TestTenants.create("untrusted", null);
        MultipartForm form = new MultipartForm().field("name", "Sneaky").field("modelVersion", "v2")
                .field("promptText", "Hello.").field("promptLanguage", "en")
                .file("gpt", "a.ckpt", GptSovitsWeights.gpt("a"))
                .file("sovits", "a.pth", GptSovitsWeights.sovits(GptSovitsVersion.V2, "a", 40))
                .file("reference", "ref.wav", GptSovitsWeights.reference(5));
        FarmClient.Reply refused = untrusted.client().post(VOICES, form.contentType(), form.bytes());
        assertEquals(403, refused.status(), refused.text());
        assertEquals("forbidden", refused.json().path("error").asText());
        assertTrue(refused.json().path("message").asText().contains("FARM_GATEWAY_TRUSTED_TENANTS"), refused.text());
        assertEquals(0, untrusted.client().get(VOICES).json().path("voices").size());
    }

    private static void assertListed(TestTenants.TestTenant tenant, String id, JsonNode created) throws Exception {
        FarmClient.Reply one = tenant.client().get(VOICES + "/" + id);
        assertEquals(200, one.status(), one.text());
        assertEquals(created, one.json());
        List<JsonNode> listed = new ArrayList<>();
        tenant.client().get(VOICES).json().path("voices").forEach(listed::add);
        assertEquals(List.of(created), listed.stream().filter(v -> v.path("id").asText().equals(id)).toList());
        assertEquals("gpt-sovits", listed.get(listed.size() - 1).path("family").asText(), "the newest voice is last");
    }

    /** The voice's folder holds its files byte for byte and its record, which is what the API shows. */
    private static void assertStored(String tenant, String id, Map<String, byte[]> files) throws IOException {
        try (ArtifactStore store = new ArtifactStore(LocalStack.s3())) {
            Map<String, Long> stored = new TreeMap<>();
            String folder = ObjectKeys.voiceFile(tenant, id, 1, "");
            store.list(ObjectKeys.MODELS_BUCKET, folder).forEach(o -> stored.put(o.key().substring(folder.length()), o.size()));
            Map<String, Long> expected = new TreeMap<>();
            files.forEach((name, content) -> expected.put(name, (long) content.length));
            expected.put("voice.json", stored.getOrDefault("voice.json", -1L));
            assertEquals(expected, stored);
            files.forEach((name, content) -> assertArrayEquals(content,
                    store.get(ObjectKeys.MODELS_BUCKET, folder + name), name));
            Voice record = Json.decode(new String(store.get(ObjectKeys.MODELS_BUCKET, folder + "voice.json"),
                    StandardCharsets.UTF_8), Voice.class);
            assertEquals(id, record.id());
            assertEquals(VoiceFamily.GPT_SOVITS, record.family());
            assertEquals(files.keySet().stream().filter(n -> n.startsWith("reference.")).findFirst().orElseThrow(),
                    record.gptSovits().referenceFile());
        }
    }

    private static void assertRefused(FarmClient.Reply reply, String code, String param, String message) throws IOException {
        assertEquals(400, reply.status(), reply.text());
        assertTrue(reply.header("Content-Type").startsWith("application/json"), reply.header("Content-Type"));
        JsonNode error = reply.json();
        assertEquals(code, error.path("error").asText(), reply.text());
        assertEquals(param, error.path("param").asText(), reply.text());
        assertTrue(error.path("message").asText().contains(message), reply.text());
    }

    private static FarmClient.Reply post(FarmClient client, MultipartForm form) throws Exception {
        return client.post(VOICES, form.contentType(), form.bytes());
    }

    /** A complete form declaring {@code modelVersion}, with these SoVITS weights and a 5 s clip. */
    private static MultipartForm form(String modelVersion, byte[] sovits) {
        return new MultipartForm().field("name", "Bad").field("modelVersion", modelVersion)
                .field("promptText", "Hello there.").field("promptLanguage", "en")
                .file("gpt", "bad.ckpt", GptSovitsWeights.gpt("bad")).file("sovits", "bad.pth", sovits)
                .file("reference", "ref.wav", GptSovitsWeights.reference(5));
    }

    private static MultipartForm withClip(byte[] sovits, double seconds) {
        return new MultipartForm().field("name", "Bad").field("modelVersion", "v2")
                .field("promptText", "Hello there.").field("promptLanguage", "en")
                .file("gpt", "bad.ckpt", GptSovitsWeights.gpt("bad")).file("sovits", "bad.pth", sovits)
                .file("reference", "ref.wav", GptSovitsWeights.reference(seconds));
    }

    private static String voiceJson(String name, String modelVersion, String promptText, String promptLanguage) {
        return "{\"name\": \"" + name + "\", \"modelVersion\": \"" + modelVersion + "\", \"promptText\": \""
                + promptText + "\", \"promptLanguage\": \"" + promptLanguage + "\"}";
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : new TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}

package dev.voicefarm.gateway.voices;

import dev.voicefarm.common.testing.GptSovitsWeights;
import dev.voicefarm.common.voices.GptSovitsVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Voice import zips built in memory from the GPT-SoVITS-shaped fixtures. */
final class VoiceZips {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8);

    /** voice.json, weights of this version and a 5 s clip, in a folder {@code narrator/}. */
    static VoiceZips complete(GptSovitsVersion version) {
        return new VoiceZips()
                .add("narrator/voice.json", voiceJson("Narrator", version.id(), "What the clip says.", "en"))
                .add("narrator/narrator-e15.ckpt", GptSovitsWeights.gpt("narrator"))
                .add("narrator/narrator_e8_s200.pth", GptSovitsWeights.sovits(version, "narrator", 40))
                .add("narrator/ref.wav", GptSovitsWeights.reference(5));
    }

    static String voiceJson(String name, String modelVersion, String promptText, String promptLanguage) {
        return "{\"name\": \"" + name + "\", \"modelVersion\": \"" + modelVersion + "\", \"promptText\": \""
                + promptText + "\", \"promptLanguage\": \"" + promptLanguage + "\"}";
    }

    VoiceZips add(String name, byte[] content) {
        try {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    VoiceZips add(String name, String text) {
        return add(name, text.getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes() {
        try {
            zip.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}

package dev.voicefarm.gateway.voices;

import dev.voicefarm.common.testing.InMemoryZip;
import dev.voicefarm.common.testing.GptSovitsWeights;
import dev.voicefarm.common.voices.GptSovitsVersion;

/** Voice import zips built in memory from the GPT-SoVITS-shaped fixtures. */
final class VoiceZips {

    /** voice.json, weights of this version and a 5 s clip, in a folder {@code narrator/}. */
    static InMemoryZip complete(GptSovitsVersion version) {
        return new InMemoryZip()
                .add("narrator/voice.json", voiceJson("Narrator", version.id(), "What the clip says.", "en"))
                .add("narrator/narrator-e15.ckpt", GptSovitsWeights.gpt("narrator"))
                .add("narrator/narrator_e8_s200.pth", GptSovitsWeights.sovits(version, "narrator", 40))
                .add("narrator/ref.wav", GptSovitsWeights.reference(5));
    }

    static String voiceJson(String name, String modelVersion, String promptText, String promptLanguage) {
        return "{\"name\": \"" + name + "\", \"modelVersion\": \"" + modelVersion + "\", \"promptText\": \""
                + promptText + "\", \"promptLanguage\": \"" + promptLanguage + "\"}";
    }

}

package dev.voicefarm.worker.engine.gptsovits;

import dev.voicefarm.common.hash.Sha256;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.storage.ObjectKeys;
import dev.voicefarm.common.testing.GptSovitsWeights;
import dev.voicefarm.common.voices.GptSovitsVersion;
import dev.voicefarm.common.voices.GptSovitsVoice;
import dev.voicefarm.common.voices.Voice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Voices in a folder laid out like the models bucket (keys as paths): the S3 seam without S3. */
final class DirectoryVoiceFiles implements VoiceFiles {

    private final Path root;
    /** Every file fetched, as {@code tenant/voiceId/name}, in order. */
    final List<String> fetched = Collections.synchronizedList(new ArrayList<>());

    DirectoryVoiceFiles(Path root) {
        this.root = root;
    }

    @Override
    public Optional<Voice> voice(String tenant, String voiceId) {
        Path json = root.resolve(ObjectKeys.voiceFile(tenant, voiceId, 1, "voice.json"));
        try {
            return Files.exists(json) ? Optional.of(Json.decode(Files.readString(json), Voice.class)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void fetch(String tenant, String voiceId, int version, String name, Path target) {
        Path file = root.resolve(ObjectKeys.voiceFile(tenant, voiceId, version, name));
        if (!Files.exists(file)) {
            throw new MissingFile(file + " does not exist");
        }
        try {
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fetched.add(tenant + "/" + voiceId + "/" + name);
    }

    /**
     * Stores a GPT-SoVITS voice of this speaker (fixture weights the stand-in reads) and returns its record.
     *
     * @param pitch the eSpeak NG pitch the stand-in speaks it at
     */
    Voice add(String tenant, String id, GptSovitsVersion version, String speaker, int pitch, String language) {
        byte[] gpt = GptSovitsWeights.gpt(speaker);
        byte[] sovits = GptSovitsWeights.sovits(version, speaker, pitch);
        byte[] reference = GptSovitsWeights.reference(4.0);
        Voice voice = Voice.imported(id, tenant, speaker, Instant.parse("2026-12-01T00:00:00Z"),
                new GptSovitsVoice(version, "This is how I sound.", language, "reference.wav", 4.0,
                        gpt.length, Sha256.hex(gpt), sovits.length, Sha256.hex(sovits)));
        write(tenant, id, "voice.json", Json.encode(voice).getBytes(StandardCharsets.UTF_8));
        write(tenant, id, GptSovitsVoice.GPT_FILE, gpt);
        write(tenant, id, GptSovitsVoice.SOVITS_FILE, sovits);
        write(tenant, id, "reference.wav", reference);
        return voice;
    }

    /** Replaces one file of a stored voice (corrupt weights, a clip of another length). */
    void write(String tenant, String id, String name, byte[] content) {
        Path file = root.resolve(ObjectKeys.voiceFile(tenant, id, 1, name));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

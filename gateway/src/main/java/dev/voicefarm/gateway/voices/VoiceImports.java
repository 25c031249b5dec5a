package dev.voicefarm.gateway.voices;

import dev.voicefarm.common.audio.AudioDecoder;
import dev.voicefarm.common.hash.Sha256;
import dev.voicefarm.common.io.TempFolders;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.state.VoiceStore;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.storage.ObjectKeys;
import dev.voicefarm.common.voices.GptSovitsVoice;
import dev.voicefarm.common.voices.Voice;
import dev.voicefarm.gateway.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Imports a tenant's GPT-SoVITS voice: checks it ({@link VoiceImportValidator}), then stores it
 * under a new voice id (a UUID, as trained voices' ids are) in {@value ObjectKeys#MODELS_BUCKET}:
 * {@link GptSovitsVoice#GPT_FILE}, {@link GptSovitsVoice#SOVITS_FILE}, {@code reference.<ext>},
 * then {@code voice.json} last, so a voice whose record exists has all its files; then adds it to
 * the catalogue ({@link VoiceStore}), where {@code GET /v1/voices} lists it. An import that fails
 * while it is stored removes what it wrote (as far as S3 lets it) and is a 503.
 */
@ApplicationScoped
public class VoiceImports {

    private static final Logger LOG = Logger.getLogger(VoiceImports.class);
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final String WEIGHTS_TYPE = "application/octet-stream";
    private static final Map<String, String> AUDIO_TYPES = Map.of("wav", "audio/wav", "mp3", "audio/mpeg",
            "flac", "audio/flac", "ogg", "audio/ogg", "m4a", "audio/mp4");

    private final VoiceImportValidator validator;
    private final VoiceArchive archive;
    private final ArtifactStore artifacts;
    private final VoiceStore voices;

    public VoiceImports(VoiceImportSettings settings,
                        @ConfigProperty(name = "farm.gateway.ffmpeg", defaultValue = "ffmpeg") String ffmpeg,
                        ArtifactStore artifacts, VoiceStore voices) {
        this.validator = new VoiceImportValidator(settings.limits(), new AudioDecoder(ffmpeg));
        this.archive = new VoiceArchive(settings.limits());
        this.artifacts = artifacts;
        this.voices = voices;
    }

    /** A voice sent as multipart/form-data, its files already on disk. */
    public Voice fromForm(String tenant, VoiceUpload upload) throws InterruptedException {
        return store(tenant, validator.validate(upload));
    }

    /** A voice sent as one zip, on disk; its files are unpacked beside it and removed when done. */
    public Voice fromZip(String tenant, Path zip) throws InterruptedException {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("voicefarm-import");
            return store(tenant, validator.validate(archive.read(zip, folder)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TempFolders.deleteQuietly(folder);
        }
    }

    private Voice store(String tenant, ImportedVoice checked) {
        String id = UUID.randomUUID().toString();
        GptSovitsVoice model;
        try {
            model = new GptSovitsVoice(checked.modelVersion(), checked.promptText(), checked.promptLanguage(),
                    checked.referenceFile(), checked.referenceSeconds(), Files.size(checked.gpt()),
                    Sha256.hex(checked.gpt()), Files.size(checked.sovits()), Sha256.hex(checked.sovits()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Voice voice = Voice.imported(id, tenant, checked.name(), Instant.now().truncatedTo(ChronoUnit.MILLIS), model);
        List<String> written = new ArrayList<>();
        try {
            artifacts.ensureBuckets();
            putFile(voice, GptSovitsVoice.GPT_FILE, checked.gpt(), WEIGHTS_TYPE, written);
            putFile(voice, GptSovitsVoice.SOVITS_FILE, checked.sovits(), WEIGHTS_TYPE, written);
            putFile(voice, checked.referenceFile(), checked.reference(), AUDIO_TYPES.get(checked.referenceFormat()),
                    written);
            String record = key(voice, "voice.json");
            written.add(record);
            artifacts.put(ObjectKeys.MODELS_BUCKET, record, Json.encode(voice).getBytes(StandardCharsets.UTF_8),
                    "application/json");
            voices.save(voice);
        } catch (ArtifactStore.StorageException | UncheckedIOException e) {
            LOG.warnf("could not store imported voice %s of %s: %s", id, tenant, e.getMessage());
            removeQuietly(written);
            throw ApiException.unavailable("the voice store is unreachable right now; try again shortly", RETRY);
        } catch (RuntimeException e) {
            removeQuietly(written); // Redis refused the catalogue entry: a voice nobody lists leaves no files
            throw e;
        }
        LOG.infof("voice %s imported for %s: GPT-SoVITS %s, %d + %d bytes of weights, reference %.2f s", id, tenant,
                model.modelVersion(), model.gptBytes(), model.sovitsBytes(), model.referenceSeconds());
        return voice;
    }

    private void putFile(Voice voice, String file, Path content, String type, List<String> written) {
        String key = key(voice, file);
        written.add(key);
        artifacts.putFile(ObjectKeys.MODELS_BUCKET, key, content, type);
    }

    private static String key(Voice voice, String file) {
        return ObjectKeys.voiceFile(voice.tenant(), voice.id(), voice.version(), file);
    }

    private void removeQuietly(List<String> keys) {
        for (String key : keys) {
            try {
                artifacts.remove(ObjectKeys.MODELS_BUCKET, key);
            } catch (RuntimeException e) {
                LOG.warnf("could not remove %s of a failed voice import: %s", key, e.getMessage());
            }
        }
    }
}

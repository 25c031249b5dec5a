package dev.voicefarm.gateway.datasets;

import dev.voicefarm.common.testing.InMemoryZip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.storage.ObjectKeys;
import dev.voicefarm.common.testing.LocalStack;
import dev.voicefarm.common.voices.DatasetManifest;
import dev.voicefarm.gateway.api.ApiException;
import jakarta.ws.rs.core.Response.Status;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A dataset read, stored in the test stack's real S3 server and read back, as the worker will find it. */
class StoredDatasetIT {

    private static final String TENANT = "acme";

    private static ArtifactStore artifacts;
    private static DatasetStore store;

    @BeforeAll
    static void connect() {
        artifacts = new ArtifactStore(LocalStack.s3());
        store = new DatasetStore(artifacts);
    }

    @AfterAll
    static void close() throws Exception {
        artifacts.close();
    }

    @Test
    void storesNormalisedClipsAndAManifestAndReadsItBack() {
        InMemoryZip zip = new InMemoryZip().add("voice/wavs/first.wav", TestZips.tone(2.0, 44100, 2, 24, 440));
        StringBuilder metadata = new StringBuilder("first|The first clip.\n");
        for (int i = 2; i <= 10; i++) {
            zip.add("voice/wavs/c" + i + ".wav", TestZips.tone(1.5));
            metadata.append("c").append(i).append("|Clip ").append(i).append(".\n");
        }
        zip.add("voice/metadata.csv", metadata.toString());

        String id = UUID.randomUUID().toString();
        DatasetManifest saved = store.save(TENANT, id, new DatasetReader().read(zip.bytes()));

        assertEquals(id, saved.id());
        assertEquals(TENANT, saved.tenant());
        assertEquals(DatasetReader.LJSPEECH, saved.layout());
        assertEquals(10, saved.clips().size());
        assertEquals(2.0 + 9 * 1.5, saved.totalSeconds(), 1e-3);
        DatasetManifest.Clip first = saved.clips().get(0);
        assertEquals(new DatasetManifest.Clip("first", "The first clip.",
                ObjectKeys.datasetClip(TENANT, saved.id(), "first"), 2.0), first);

        Wav wav = Wav.parse(artifacts.get(ObjectKeys.DATASETS_BUCKET, first.key()));
        assertEquals(DatasetManifest.SAMPLE_RATE, wav.sampleRate());
        assertEquals(1, wav.channels());
        assertEquals(16, wav.bitsPerSample());
        assertEquals(2.0, wav.durationSeconds(), 1.0 / 22050);

        String json = new String(artifacts.get(ObjectKeys.DATASETS_BUCKET,
                ObjectKeys.datasetManifest(TENANT, saved.id())), StandardCharsets.UTF_8);
        assertEquals(saved, Json.decode(json, DatasetManifest.class));
        assertEquals(saved, store.find(TENANT, saved.id()));
        assertEquals(new DatasetSummary(saved.id(), "ljspeech", 10, 15.5, saved.createdAt()),
                DatasetSummary.of(store.find(TENANT, saved.id())));
    }

    @Test
    void unknownDatasetIs404() {
        String id = UUID.randomUUID().toString();
        ApiException e = assertThrows(ApiException.class, () -> store.find(TENANT, id));
        assertEquals(Status.NOT_FOUND, e.status());
        assertTrue(artifacts.find(ObjectKeys.DATASETS_BUCKET, ObjectKeys.datasetManifest(TENANT, id)).isEmpty());
    }
}

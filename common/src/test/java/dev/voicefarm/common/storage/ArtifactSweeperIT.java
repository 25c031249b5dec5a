package dev.voicefarm.common.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.testing.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the real S3 server of the test stack, on a tenant of its own so no other test's files are touched. */
class ArtifactSweeperIT {

    private static final Duration RETENTION = Duration.ofHours(1);
    private static ArtifactStore store;

    @BeforeAll
    static void connect() {
        store = new ArtifactStore(LocalStack.s3());
        store.ensureBuckets();
    }

    @AfterAll
    static void close() throws Exception {
        store.close();
    }

    private static void put(String bucket, String key) {
        store.put(bucket, key, "x".getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    @Test
    void jobFilesGoOnceOlderThanTheRetentionVoicesAndDatasetsStay() {
        String tenant = "sweep-" + UUID.randomUUID();
        String job = UUID.randomUUID().toString();
        String audio = ObjectKeys.jobAudio(tenant, job, 2);
        String killedAttemptsAudio = ObjectKeys.jobAudio(tenant, job, 1);
        String checkpoint = ObjectKeys.checkpoint(tenant, job, 1, "epoch-3.pt");
        String voice = ObjectKeys.voiceFile(tenant, job, 1, "voice.json");
        String manifest = ObjectKeys.datasetManifest(tenant, UUID.randomUUID().toString());
        List.of(audio, killedAttemptsAudio, checkpoint).forEach(key -> put(ObjectKeys.ARTIFACTS_BUCKET, key));
        put(ObjectKeys.MODELS_BUCKET, voice);
        put(ObjectKeys.DATASETS_BUCKET, manifest);
        ArtifactSweeper sweeper = new ArtifactSweeper(store, RETENTION);
        assertTrue(store.folders(ObjectKeys.ARTIFACTS_BUCKET, "").contains(tenant), "a sweep of every tenant finds it");

        assertEquals(0, sweeper.sweep(tenant, Instant.now().plus(RETENTION.dividedBy(2))), "younger than the retention");
        assertEquals(3, store.list(ObjectKeys.ARTIFACTS_BUCKET, ObjectKeys.jobPrefix(tenant, job)).size());

        assertEquals(3, sweeper.sweep(tenant, Instant.now().plus(RETENTION.multipliedBy(2))));
        assertTrue(store.list(ObjectKeys.ARTIFACTS_BUCKET, ObjectKeys.jobsPrefix(tenant)).isEmpty());
        assertEquals(1, store.list(ObjectKeys.MODELS_BUCKET, tenant + "/").size(), "the voice stays");
        assertEquals(1, store.list(ObjectKeys.DATASETS_BUCKET, tenant + "/").size(), "the dataset stays");
    }
}

package dev.voicefarm.gateway.datasets;

import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.storage.ObjectKeys;
import dev.voicefarm.common.voices.DatasetManifest;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.api.JsonBody;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Datasets in S3 ({@value ObjectKeys#DATASETS_BUCKET}): each clip as a normalised WAV under
 * {@link ObjectKeys#datasetClip}, then the {@link DatasetManifest} JSON under
 * {@link ObjectKeys#datasetManifest}. The manifest is written last, so a dataset whose manifest
 * exists has all its clips; an upload that fails half-way leaves clips nobody lists.
 */
@ApplicationScoped
public class DatasetStore {

    private static final Logger LOG = Logger.getLogger(DatasetStore.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final ArtifactStore artifacts;

    public DatasetStore(ArtifactStore artifacts) {
        this.artifacts = artifacts;
    }

    /**
     * Stores the dataset under the given id (a new UUID, or the one an Idempotency-Key claimed);
     * storing the same content under the same id again writes the same objects.
     *
     * @throws ApiException 503 when S3 does not take the objects
     */
    public DatasetManifest save(String tenant, String id, DatasetContent content) {
        return s3("store dataset " + id, () -> {
            artifacts.ensureBuckets();
            List<DatasetManifest.Clip> clips = new ArrayList<>();
            for (DatasetContent.Clip clip : content.clips()) {
                String key = ObjectKeys.datasetClip(tenant, id, clip.id());
                artifacts.put(ObjectKeys.DATASETS_BUCKET, key, clip.wav().toBytes(), "audio/wav");
                clips.add(new DatasetManifest.Clip(clip.id(), clip.text(), key, millis(clip.seconds())));
            }
            DatasetManifest manifest = new DatasetManifest(id, tenant, content.layout(),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), clips, millis(content.totalSeconds()));
            artifacts.put(ObjectKeys.DATASETS_BUCKET, ObjectKeys.datasetManifest(tenant, id),
                    Json.encode(manifest).getBytes(StandardCharsets.UTF_8), "application/json");
            LOG.infof("dataset %s stored: %s, %d clips, %.1f s", id, manifest.layout(), clips.size(),
                    manifest.totalSeconds());
            return manifest;
        });
    }

    /**
     * The tenant's dataset; another tenant's is as unknown as an id nobody made (its manifest lives
     * under the other tenant's folder).
     *
     * @throws ApiException 404 for unknown ids (ids are UUIDs), 503 when S3 does not answer
     */
    public DatasetManifest find(String tenant, String datasetId) {
        if (!isUuid(datasetId)) {
            throw ApiException.notFound("no dataset with id '" + JsonBody.clip(datasetId) + "'; dataset ids are UUIDs");
        }
        return manifest(tenant, datasetId)
                .orElseThrow(() -> ApiException.notFound("no dataset with id '" + datasetId + "'"));
    }

    /** The tenant's dataset's manifest, empty for an unknown id. @throws ApiException 503 when S3 does not answer */
    public Optional<DatasetManifest> manifest(String tenant, String datasetId) {
        if (!isUuid(datasetId)) {
            return Optional.empty();
        }
        return s3("read dataset " + datasetId, () -> artifacts.find(ObjectKeys.DATASETS_BUCKET,
                        ObjectKeys.datasetManifest(tenant, datasetId)))
                .map(json -> Json.decode(new String(json, StandardCharsets.UTF_8), DatasetManifest.class));
    }

    private static <T> T s3(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ArtifactStore.StorageException | UncheckedIOException e) {
            LOG.warnf("could not %s: %s", what, e.getMessage());
            throw ApiException.unavailable("the dataset store is unreachable right now; try again shortly", RETRY);
        }
    }

    private static double millis(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    private static boolean isUuid(String id) {
        try {
            return UUID.fromString(id).toString().equals(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

package dev.voicefarm.bench.overhead;

import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.storage.ObjectKeys;
import java.util.Collection;
import java.util.function.UnaryOperator;

/** The check both paths make after a run: is each finished job's WAV in S3. */
final class StoredAudio {

    private StoredAudio() {
    }

    /** How many of the jobs have no object under the key their id maps to. */
    static int missing(ArtifactStore artifacts, Collection<String> ids, UnaryOperator<String> objectKey) {
        return (int) ids.stream()
                .filter(id -> artifacts.find(ObjectKeys.ARTIFACTS_BUCKET, objectKey.apply(id)).isEmpty())
                .count();
    }
}

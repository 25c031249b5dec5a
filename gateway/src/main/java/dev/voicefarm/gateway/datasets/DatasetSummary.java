package dev.voicefarm.gateway.datasets;

import dev.voicefarm.common.voices.DatasetManifest;
import java.time.Instant;

/** A stored dataset as the API shows it: the manifest without its clip list. */
public record DatasetSummary(String id, String layout, int clips, double totalSeconds, Instant createdAt) {

    public static DatasetSummary of(DatasetManifest manifest) {
        return new DatasetSummary(manifest.id(), manifest.layout(), manifest.clips().size(), manifest.totalSeconds(),
                manifest.createdAt());
    }
}

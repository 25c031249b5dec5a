package dev.voicefarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * How far a training is, from a {@code progress} event's data ({@code percent} and
 * {@code progress: {epoch, epochs, loss}}), and how it is drawn:
 * {@code [#####-----]  42%  epoch 25/60  loss 0.0123}.
 */
record TrainingProgress(double percent, int epoch, int epochs, double loss) {

    static final int BAR_WIDTH = 30;

    static TrainingProgress of(JsonNode data) {
        JsonNode progress = data.path("progress");
        int epochs = progress.path("epochs").asInt();
        int epoch = progress.path("epoch").asInt();
        double percent = data.hasNonNull("percent") ? data.path("percent").asDouble()
                : epochs == 0 ? 0 : 100.0 * epoch / epochs;
        return new TrainingProgress(percent, epoch, epochs, progress.path("loss").asDouble());
    }

    /** The bar and figures, one line without a line break. */
    String line() {
        double clamped = Math.max(0, Math.min(100, percent));
        int filled = (int) Math.floor(BAR_WIDTH * clamped / 100); // full only when done, as the percent
        return String.format(Locale.ROOT, "[%s%s] %3d%%  epoch %d/%d  loss %.4f", "#".repeat(filled),
                "-".repeat(BAR_WIDTH - filled), (int) Math.floor(clamped), epoch, epochs, loss);
    }

    /** Which tenth of the way it has reached (0 to 10): lines for logs are printed once per tenth. */
    int tenth() {
        return (int) Math.floor(Math.max(0, Math.min(100, percent)) / 10);
    }
}

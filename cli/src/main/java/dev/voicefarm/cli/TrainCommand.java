package dev.voicefarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code train}: uploads a dataset, starts a voice's training and, with {@code --wait}, follows it to the voice. */
@Command(name = "train", description = {"Trains a voice from a dataset directory or zip.",
        "Uploads the dataset (a directory is zipped), starts the training and prints the job id;",
        "with --wait shows its progress and ends with the new voice's id."})
final class TrainCommand implements Runnable {

    @ParentCommand
    private VoiceFarmCli cli;

    @Parameters(index = "0", paramLabel = "DIR|ZIP",
            description = "an LJSpeech (metadata.csv, wavs/) or GPT-SoVITS .list dataset, as a directory or a zip")
    private Path source;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "the voice's name (1 to 64 characters)")
    private String name;

    @Option(names = "--epochs", paramLabel = "N", description = "training epochs, 1 to 500 (default: the gateway's, 60)")
    private Integer epochs;

    @Option(names = "--language", paramLabel = "CODE", description = "the dataset's language (default: en)")
    private String language;

    @Option(names = "--wait", description = "follow the training to its end")
    private boolean await;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
            description = "with --wait, how long to wait (default: ${DEFAULT-VALUE})")
    private Duration timeout;

    @Override
    public void run() {
        Gateway gateway = cli.user();
        JsonNode dataset;
        try (DatasetArchive archive = DatasetArchive.of(source)) {
            dataset = Json.read(gateway.postZip("/v1/datasets", archive.file()));
        }
        JsonNode job = Json.read(gateway.postJson("/v1/trainings", request(dataset.path("id").asText())));
        String jobId = job.path("id").asText();
        if (!cli.json()) {
            cli.out().printf(Locale.ROOT, "dataset %s: %d clips, %.1f s%n", dataset.path("id").asText(), dataset.path("clips").asInt(),
                    dataset.path("totalSeconds").asDouble());
            cli.out().println("training job " + jobId);
        }
        if (await) {
            job = follow(gateway, jobId);
        }
        if (cli.json()) {
            cli.out().println(Json.pretty(job));
        } else if (await) {
            cli.out().println("voice " + job.path("result").path("voice").path("id").asText());
        }
    }

    private Map<String, Object> request(String datasetId) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("datasetId", datasetId);
        request.put("name", name);
        if (language != null) {
            request.put("language", language);
        }
        if (epochs != null) {
            request.put("epochs", epochs);
        }
        return request;
    }

    /** The finished job; progress drawn as the events come unless the output is JSON. */
    private JsonNode follow(Gateway gateway, String jobId) {
        ProgressDisplay display = new ProgressDisplay(cli.out(), cli.terminal());
        try {
            return new JobWatch(gateway, jobId, timeout).succeededFollowing(event -> {
                if ("progress".equals(event.event()) && !cli.json()) {
                    display.show(TrainingProgress.of(Json.read(event.data())));
                }
            });
        } finally {
            display.finish();
        }
    }
}

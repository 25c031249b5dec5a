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

/** {@code say}: one synthesis from text to an audio file, waiting for the job on the way. */
@Command(name = "say", description = {"Speaks a text: submits a synthesis job, waits for it, saves its audio.",
        "Prints the file, the audio's length and the job id."})
final class SayCommand implements Runnable {

    /** The gateway's response formats; the file's extension is the format's name. */
    enum Format { wav, mp3, flac, opus, aac, pcm }

    @ParentCommand
    private VoiceFarmCli cli;

    @Parameters(index = "0", paramLabel = "TEXT", description = "what to say (1 to 4096 characters)")
    private String text;

    @Option(names = "--voice", paramLabel = "ID", description = "a voice of your tenant (voicefarm voices); default: the base voice")
    private String voice;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "wav",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    private Format format;

    @Option(names = "--language", paramLabel = "CODE", description = "en, zh, ja, ko, yue, de, fr, es, it, pt (default: en, or the voice's)")
    private String language;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "where to save the audio (default: <jobId>.<format>)")
    private Path output;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "120s", converter = DurationConverter.class,
            description = "how long to wait for the job (default: ${DEFAULT-VALUE})")
    private Duration timeout;

    @Override
    public void run() {
        Gateway gateway = cli.user();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("text", text);
        request.put("responseFormat", format.name());
        if (voice != null) {
            request.put("voice", voice);
        }
        if (language != null) {
            request.put("language", language);
        }
        String jobId = Json.read(gateway.postJson("/v1/synthesis", request)).path("id").asText();
        JsonNode job = new JobWatch(gateway, jobId, timeout).succeeded();
        Path file = output != null ? output : Path.of(jobId + "." + format.name());
        gateway.download("/v1/jobs/" + Gateway.encode(jobId) + "/audio", file);
        if (cli.json()) {
            cli.out().println(Json.pretty(job));
        } else {
            cli.out().println(String.format(Locale.ROOT, "%s  %.2f s  job %s", file, job.path("result").path("durationSeconds").asDouble(), jobId));
        }
    }
}

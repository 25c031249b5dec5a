package dev.voicefarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code jobs}: the tenant's recent jobs as a table, newest first. */
@Command(name = "jobs", description = "Lists your recent jobs, newest first.")
final class JobsCommand implements Runnable {

    @ParentCommand
    private VoiceFarmCli cli;

    @Option(names = "--status", paramLabel = "STATUS", description = "only jobs in this state: QUEUED, RUNNING, RETRYING, SUCCEEDED, FAILED, CANCELLED")
    private String status;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "at most N jobs (default: ${DEFAULT-VALUE})")
    private int limit;

    @Override
    public void run() {
        String path = "/v1/jobs?limit=" + limit + (status == null ? "" : "&status=" + Gateway.encode(status.toUpperCase(Locale.ROOT)));
        String answer = cli.user().get(path);
        if (cli.json()) {
            cli.out().println(answer);
            return;
        }
        Table table = new Table("ID", "KIND", "STATUS", "CLASS", "CREATED", "DETAIL");
        for (JsonNode job : Json.read(answer).path("jobs")) {
            table.row(job.path("id").asText(), job.path("kind").asText(), job.path("status").asText(),
                    job.path("hardwareClass").asText(null), created(job.path("createdAt").asText(null)), detail(job));
        }
        cli.out().print(table.render());
    }

    /** To the second: enough to tell jobs apart in a table. */
    private static String created(String at) {
        try {
            return at == null ? null : Instant.parse(at).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return at;
        }
    }

    /** What a person wants to know next: why it failed, how long the audio is, which voice it made, how far it is. */
    static String detail(JsonNode job) {
        JsonNode result = job.path("result");
        if (job.hasNonNull("reason")) {
            return job.path("reason").asText();
        }
        if (result.hasNonNull("durationSeconds")) {
            return String.format(Locale.ROOT, "%.2f s of audio", result.path("durationSeconds").asDouble());
        }
        if (result.path("voice").hasNonNull("id")) {
            return "voice " + result.path("voice").path("id").asText();
        }
        if (job.hasNonNull("progress")) {
            return "epoch " + job.path("progress").path("epoch").asInt() + "/" + job.path("progress").path("epochs").asInt();
        }
        return null;
    }
}

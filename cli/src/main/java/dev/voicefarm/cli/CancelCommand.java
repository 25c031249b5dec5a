package dev.voicefarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cancel ID}: {@code DELETE /v1/jobs/{id}}; a job that has finished keeps its outcome (409 already_finished). */
@Command(name = "cancel", description = "Cancels a job that has not finished.")
final class CancelCommand implements Runnable {

    @ParentCommand
    private VoiceFarmCli cli;

    @Parameters(index = "0", paramLabel = "ID", description = "the job's id")
    private String jobId;

    @Override
    public void run() {
        JsonNode job = Json.read(cli.user().delete("/v1/jobs/" + Gateway.encode(jobId)));
        cli.out().println(cli.json() ? Json.pretty(job) : "job " + job.path("id").asText() + " " + job.path("status").asText());
    }
}

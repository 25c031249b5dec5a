package dev.voicefarm.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code job ID}: one job as the gateway shows it. */
@Command(name = "job", description = "Shows one job as JSON (status, reason, result, routing, progress).")
final class JobCommand implements Runnable {

    @ParentCommand
    private VoiceFarmCli cli;

    @Parameters(index = "0", paramLabel = "ID", description = "the job's id")
    private String jobId;

    @Override
    public void run() {
        cli.out().println(Json.pretty(Json.read(cli.user().get("/v1/jobs/" + Gateway.encode(jobId)))));
    }
}

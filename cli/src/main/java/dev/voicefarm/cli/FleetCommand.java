package dev.voicefarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code fleet}: capacity and wait per hardware class; with an admin key also the live workers. */
@Command(name = "fleet", description = {"Shows the fleet's hardware classes and their capacity.",
        "Each class: live workers, free/total slots, backlog, estimated wait; admin keys also see the live workers."})
final class FleetCommand implements Runnable {

    @ParentCommand
    private VoiceFarmCli cli;

    @Override
    public void run() {
        String answer = cli.user().get("/v1/fleet");
        if (cli.json()) {
            cli.out().println(answer);
            return;
        }
        JsonNode fleet = Json.read(answer);
        Table classes = new Table("CLASS", "LIVE", "FREE/TOTAL SLOTS", "BACKLOG", "EST. WAIT");
        for (JsonNode route : fleet.path("classes")) {
            classes.row(route.path("hardwareClass").asText(), route.path("liveWorkers").asInt(),
                    route.path("freeSlots").asInt() + "/" + route.path("totalSlots").asInt(), route.path("backlog").asLong(),
                    route.hasNonNull("estimatedWaitSeconds")
                            ? String.format(Locale.ROOT, "%.1f s", route.path("estimatedWaitSeconds").asDouble()) : null);
        }
        cli.out().print(classes.render());
        if (fleet.path("workers").isArray()) {
            Table workers = new Table("WORKER", "CLASS", "DEVICE", "RUNNING", "FREE SLOTS", "SIMULATED");
            for (JsonNode worker : fleet.path("workers")) {
                workers.row(worker.path("workerId").asText(), worker.path("hardwareClass").asText(),
                        worker.path("device").asText(null), worker.path("runningJobs").asInt(), worker.path("freeSlots").asInt(),
                        worker.path("simulated").asBoolean() ? "yes" : "no");
            }
            cli.out().println();
            cli.out().print(workers.render());
        }
    }
}

package dev.voicefarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code voices}: the tenant's trained and imported voices, with a trained voice's measured quality. */
@Command(name = "voices", description = "Lists your voices, trained and imported.")
final class VoicesCommand implements Runnable {

    @ParentCommand
    private VoiceFarmCli cli;

    @Override
    public void run() {
        String answer = cli.user().get("/v1/voices");
        if (cli.json()) {
            cli.out().println(answer);
            return;
        }
        Table table = new Table("ID", "NAME", "FAMILY", "LANGUAGE", "QUALITY (held-out, untrained → trained)");
        for (JsonNode voice : Json.read(answer).path("voices")) {
            table.row(voice.path("id").asText(), voice.path("name").asText(), voice.path("family").asText(),
                    voice.path("language").asText(), quality(voice.path("metrics")));
        }
        cli.out().print(table.render());
    }

    /** Mel-cepstral distortion and F0 error before and after training; imported voices have none. */
    static String quality(JsonNode metrics) {
        if (metrics.isMissingNode() || metrics.isNull()) {
            return null;
        }
        return String.format(Locale.ROOT, "MCD %.2f → %.2f dB, F0 RMSE %.0f → %.0f Hz",
                metrics.path("mcdBeforeDb").asDouble(), metrics.path("mcdAfterDb").asDouble(),
                metrics.path("f0RmseBeforeHz").asDouble(), metrics.path("f0RmseAfterHz").asDouble());
    }
}

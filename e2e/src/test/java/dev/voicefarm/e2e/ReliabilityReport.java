package dev.voicefarm.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of each fault test, printed as it ends and written as one Markdown table when the
 * class ends: to {@code FARM_RELIABILITY_REPORT} (bench/reliability.sh sets it to
 * bench/results/reliability.md), else under target/.
 */
final class ReliabilityReport {

    /**
     * One fault's figures.
     *
     * @param lost               accepted jobs that did not end in a final state
     * @param duplicatedOutcomes jobs whose outcome (SUCCEEDED or FAILED) was reported by more than one attempt
     * @param extraArtifacts     audio objects beyond one per succeeded synthesis job
     * @param attempts           attempts per job, as "attempts×jobs"
     * @param recoverySeconds    from the end of the fault until every accepted job was final
     */
    record Row(String fault, int submitted, int accepted, int succeeded, int failed, int lost, int duplicatedOutcomes,
               int extraArtifacts, String attempts, double recoverySeconds, String notes) {
    }

    private static final List<Row> ROWS = new ArrayList<>();

    private ReliabilityReport() {
    }

    static synchronized void add(Row row) {
        System.out.println("[reliability] " + row);
        ROWS.add(row);
    }

    static synchronized void write() throws IOException {
        String target = System.getenv("FARM_RELIABILITY_REPORT");
        Path path = Path.of(target == null || target.isBlank() ? "target/reliability.md" : target);
        StringBuilder md = new StringBuilder()
                .append("# Reliability under real faults\n\n")
                .append("Written by `bench/reliability.sh` (the fault tests of `e2e/.../FaultToleranceIT`, run by ")
                .append("`./farm test` against the test stack: real Kafka, Redis, S3Proxy and apps, 2 cores), ")
                .append(Instant.now()).append(".\n\n")
                .append("| fault | submitted | accepted | succeeded | failed | lost | duplicated outcomes | ")
                .append("extra artifacts | attempts (attempts×jobs) | recovery s | notes |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : ROWS) {
            md.append(String.format("| %s | %d | %d | %d | %d | %d | %d | %d | %s | %.1f | %s |%n", r.fault(),
                    r.submitted(), r.accepted(), r.succeeded(), r.failed(), r.lost(), r.duplicatedOutcomes(),
                    r.extraArtifacts(), r.attempts(), r.recoverySeconds(), r.notes()));
        }
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.writeString(path, md.toString());
        System.out.println("[reliability] report written to " + path.toAbsolutePath());
    }
}

package dev.voicefarm.worker.hardware;

import java.util.List;
import java.util.Properties;

/**
 * Where a probe reads the machine from: this machine ({@link LiveProbeSource}) or the recorded
 * outputs of another one ({@link RecordedProbeSource}). The parsers and rules after it are the same.
 */
public interface ProbeSource {

    /** {@code probe}, or {@code sim:<name>}. */
    String name();

    /** What a vendor tool printed, or why it printed nothing usable. */
    Output run(ProbeCommand command);

    /** The {@code properties} text of each KFD topology node (AMD's kernel driver), empty without one. */
    List<String> kfdNodes();

    /** {@code os.name}, {@code os.arch}, {@code cpu.model}, {@code cpu.cores}, {@code memory.mb}. */
    Properties system();

    /** A tool's standard output, or the reason there is none (not installed, failed, timed out). */
    record Output(String text, String failure) {
        static Output of(String text) {
            return new Output(text, null);
        }

        static Output failed(String reason) {
            return new Output(null, reason);
        }

        boolean ok() {
            return failure == null;
        }
    }
}

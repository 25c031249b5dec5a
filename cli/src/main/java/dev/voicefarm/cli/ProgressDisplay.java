package dev.voicefarm.cli;

import java.io.PrintWriter;

/**
 * Shows a training's progress. On a terminal one line is redrawn in place ({@code \r}, padded over
 * what a longer line left); into a file or pipe a line is written for the first report and each time
 * another tenth is reached, so logs stay short and readable.
 */
final class ProgressDisplay {

    private final PrintWriter out;
    private final boolean terminal;
    private int lastTenth = -1;
    private int drawnWidth;

    ProgressDisplay(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void show(TrainingProgress progress) {
        String line = progress.line();
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
            drawnWidth = line.length();
        } else if (progress.tenth() > lastTenth) {
            out.println(line);
            lastTenth = progress.tenth();
        }
        out.flush();
    }

    /** Ends the redrawn line, so what follows starts on its own. */
    void finish() {
        if (terminal && drawnWidth > 0) {
            out.println();
            drawnWidth = 0;
        }
        out.flush();
    }
}

package dev.voicefarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

    private static TrainingProgress at(int epoch, int epochs) {
        return new TrainingProgress(100.0 * epoch / epochs, epoch, epochs, 0.0123);
    }

    @Test
    void drawsTheBarThePercentTheEpochAndTheLoss() {
        assertEquals("[############------------------]  41%  epoch 25/60  loss 0.0123", at(25, 60).line());
        assertEquals("[------------------------------]   0%  epoch 0/60  loss 0.0123", at(0, 60).line());
        assertEquals("[##############################] 100%  epoch 60/60  loss 0.0123", at(60, 60).line());
    }

    @Test
    void readsAProgressEvent() {
        TrainingProgress progress = TrainingProgress.of(Json.read(
                "{\"status\":\"RUNNING\",\"progress\":{\"epoch\":3,\"epochs\":4,\"loss\":0.5},\"percent\":75.0}"));
        assertEquals(new TrainingProgress(75.0, 3, 4, 0.5), progress);
    }

    @Test
    void onATerminalRedrawsOneLineInPlace() {
        StringWriter text = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), true);
        display.show(new TrainingProgress(50, 1, 2, 12.3456));
        display.show(new TrainingProgress(100, 2, 2, 0.5));
        display.finish();
        String first = new TrainingProgress(50, 1, 2, 12.3456).line();
        String second = new TrainingProgress(100, 2, 2, 0.5).line();
        assertEquals("\r" + first + "\r" + second + " ".repeat(first.length() - second.length()) + System.lineSeparator(),
                text.toString(), "a shorter line blanks out what the longer one left");
    }

    @Test
    void intoAFileWritesTheFirstReportAndALineForEachTenthReached() {
        StringWriter text = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), false);
        for (int epoch = 1; epoch <= 60; epoch++) {
            display.show(at(epoch, 60));
        }
        display.finish();
        String[] lines = text.toString().split(System.lineSeparator());
        assertEquals(11, lines.length, text.toString());
        assertEquals(at(1, 60).line(), lines[0]);
        assertEquals(at(6, 60).line(), lines[1]);
        assertEquals(at(60, 60).line(), lines[10]);
    }
}

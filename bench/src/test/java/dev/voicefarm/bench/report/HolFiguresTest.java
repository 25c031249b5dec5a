package dev.voicefarm.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.voicefarm.bench.hol.HolRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class HolFiguresTest {

    private static HolRun run(String queue, int partitions, boolean mixed, double p99) {
        return new HolRun(queue, partitions, mixed, 184, 57, p99, p99, 0);
    }

    private final HolFigures figures = new HolFigures(List.of(
            run("share group", 1, false, 64), run("share group", 1, true, 62),
            run("consumer group", 2, false, 63), run("consumer group", 2, true, 10_000),
            run("share group", 1, false, 66), run("share group", 1, true, 70),
            run("consumer group", 2, false, 65), run("consumer group", 2, true, 11_000)));

    @Test
    void theFarmsLayoutIsTheFirstRunsAndItsBlockingIsMixedOverShortOnly() {
        assertEquals("share group", figures.farm(false).queue());
        assertEquals(65, figures.farm(false).shortP99Ms());
        assertEquals(66, figures.farm(true).shortP99Ms());
        assertEquals(66.0 / 65, figures.blocking(figures.farm(false)), 1e-9);
    }

    @Test
    void oneMedianRowPerLayoutAndStream() {
        List<HolRun> medians = figures.medians();
        assertEquals(4, medians.size());
        assertEquals(10_500, medians.get(3).shortP99Ms());
    }
}

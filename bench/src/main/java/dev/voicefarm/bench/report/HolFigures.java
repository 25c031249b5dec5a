package dev.voicefarm.bench.report;

import dev.voicefarm.bench.Stats;
import dev.voicefarm.bench.hol.HolRun;
import java.util.ArrayList;
import java.util.List;

/** Head-of-line runs reduced to the median per queue and mix. */
record HolFigures(List<HolRun> runs) {

    /** The farm's layout: the share group on the partitions it ran first with. */
    HolRun farm(boolean mixed) {
        return median(runs.get(0).queue(), runs.get(0).partitions(), mixed);
    }

    List<HolRun> medians() {
        List<HolRun> medians = new ArrayList<>();
        for (HolRun layout : runs.stream().filter(r -> !r.mixed()).toList()) {
            if (medians.stream().noneMatch(m -> m.queue().equals(layout.queue()) && m.partitions() == layout.partitions())) {
                medians.add(median(layout.queue(), layout.partitions(), false));
                medians.add(median(layout.queue(), layout.partitions(), true));
            }
        }
        return medians;
    }

    HolRun median(String queue, int partitions, boolean mixed) {
        List<HolRun> same = runs.stream()
                .filter(r -> r.queue().equals(queue) && r.partitions() == partitions && r.mixed() == mixed)
                .toList();
        return new HolRun(queue, partitions, mixed, (int) Stats.median(same, HolRun::shortJobs), Stats.median(same, HolRun::shortP50Ms),
                Stats.median(same, HolRun::shortP99Ms), Stats.median(same, HolRun::shortMaxMs),
                same.stream().mapToInt(HolRun::lost).sum());
    }

    /** Mixed-stream short p99 over short-only p99, for one layout. */
    double blocking(HolRun layout) {
        return median(layout.queue(), layout.partitions(), true).shortP99Ms()
                / median(layout.queue(), layout.partitions(), false).shortP99Ms();
    }
}

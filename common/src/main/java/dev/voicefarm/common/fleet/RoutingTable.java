package dev.voicefarm.common.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Per class: who is alive, how much room there is, how long a new job would wait. */
public record RoutingTable(Instant computedAt, List<ClassRoute> classes) {

    public RoutingTable {
        classes = List.copyOf(classes);
    }

    public Optional<ClassRoute> route(HardwareClass hardwareClass) {
        return classes.stream().filter(c -> c.hardwareClass() == hardwareClass).findFirst();
    }
}

package dev.voicefarm.worker.engine.gptsovits;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which idle process speaks a voice next. Loading a voice's weights costs seconds, so a process that
 * holds the voice comes first, then one that holds nothing (no other voice is pushed out), then the
 * one used least recently (its voice is the least likely to be asked for again soon).
 */
final class SlotChoice {

    /**
     * An idle process.
     *
     * @param voice    the voice it holds, {@code null} for none
     * @param lastUsed when it was last handed out, on the pool's own clock (higher is later)
     */
    record Idle(int slot, String voice, long lastUsed) {
    }

    private SlotChoice() {
    }

    static Optional<Integer> choose(List<Idle> idle, String voice) {
        Comparator<Idle> leastRecent = Comparator.comparingLong(Idle::lastUsed).thenComparingInt(Idle::slot);
        Optional<Idle> holder = idle.stream().filter(i -> voice.equals(i.voice())).min(leastRecent.reversed());
        if (holder.isPresent()) {
            return holder.map(Idle::slot);
        }
        Optional<Idle> empty = idle.stream().filter(i -> i.voice() == null).min(leastRecent);
        return empty.or(() -> idle.stream().min(leastRecent)).map(Idle::slot);
    }
}

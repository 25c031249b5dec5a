package dev.voicefarm.worker.engine.gptsovits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlotChoiceTest {

    @Test
    void aProcessHoldingTheVoiceComesFirst() {
        List<SlotChoice.Idle> idle = List.of(new SlotChoice.Idle(0, null, 0), new SlotChoice.Idle(1, "t/b", 1),
                new SlotChoice.Idle(2, "t/a", 9));
        assertEquals(Optional.of(2), SlotChoice.choose(idle, "t/a"));
    }

    @Test
    void thenAnEmptyOneSoNoOtherVoiceIsPushedOut() {
        List<SlotChoice.Idle> idle = List.of(new SlotChoice.Idle(0, "t/b", 1), new SlotChoice.Idle(1, null, 5));
        assertEquals(Optional.of(1), SlotChoice.choose(idle, "t/a"));
    }

    @Test
    void thenTheLeastRecentlyUsed() {
        List<SlotChoice.Idle> idle = List.of(new SlotChoice.Idle(0, "t/b", 7), new SlotChoice.Idle(1, "t/c", 3),
                new SlotChoice.Idle(2, "t/d", 5));
        assertEquals(Optional.of(1), SlotChoice.choose(idle, "t/a"));
    }

    @Test
    void voicesOfTheSameIdInAnotherTenantAreOtherVoices() {
        List<SlotChoice.Idle> idle = List.of(new SlotChoice.Idle(0, "other/a", 1), new SlotChoice.Idle(1, null, 2));
        assertEquals(Optional.of(1), SlotChoice.choose(idle, "t/a"));
    }

    @Test
    void nothingIdleIsNoChoice() {
        assertEquals(Optional.empty(), SlotChoice.choose(List.of(), "t/a"));
    }
}

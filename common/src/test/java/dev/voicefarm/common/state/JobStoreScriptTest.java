package dev.voicefarm.common.state;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JobStoreScriptTest {

    @Test
    void luaTableIsWrittenFromTheJavaTransitionTable() {
        String table = JobStore.transitionTable();
        assertTrue(table.contains("QUEUED = {"), table);
        assertTrue(table.contains("SUCCEEDED = {}"), table);
        assertTrue(table.contains("local TERMINAL = {") && table.contains("CANCELLED = true"), table);
        assertTrue(table.contains("RUNNING = 'OPENS_ATTEMPT'") && table.contains("FAILED = 'CLOSES_ATTEMPT'"), table);
        assertTrue(table.contains("local WAITING = {QUEUED = true, RETRYING = true}"), table);
    }
}

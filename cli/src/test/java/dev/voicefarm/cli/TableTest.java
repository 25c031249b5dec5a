package dev.voicefarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void alignsColumnsToTheirWidestCellAndShowsMissingCellsAsDashes() {
        String table = new Table("ID", "STATUS", "DETAIL").row("a1", "SUCCEEDED", "1.66 s").row("b", "FAILED", null).render();
        assertEquals("""
                ID  STATUS     DETAIL
                a1  SUCCEEDED  1.66 s
                b   FAILED     -
                """, table);
    }

    @Test
    void anEmptyTableIsItsHeader() {
        assertEquals("CLASS  LIVE\n", new Table("CLASS", "LIVE").render());
    }

    @Test
    void refusesARowOfTheWrongWidth() {
        assertThrows(IllegalArgumentException.class, () -> new Table("A", "B").row("only one"));
    }
}

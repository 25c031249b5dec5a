package dev.voicefarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsSecondsMinutesHoursAndMilliseconds() {
        assertEquals(Duration.ofSeconds(120), converter.convert("120s"));
        assertEquals(Duration.ofSeconds(90), converter.convert("90"));
        assertEquals(Duration.ofMinutes(2), converter.convert("2m"));
        assertEquals(Duration.ofHours(1), converter.convert("1h"));
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
    }

    @Test
    void refusesWhatIsNoPositiveDuration() {
        for (String bad : new String[] {"", "0s", "-5s", "2 days", "1.5m", "PT2M"}) {
            assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert(bad), bad);
        }
    }
}

package dev.gpuc.cache.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parsesEveryUnit() {
        assertEquals(Duration.ofMillis(250), Durations.parse("t", "250ms"));
        assertEquals(Duration.ofSeconds(2), Durations.parse("t", "2s"));
        assertEquals(Duration.ofMinutes(30), Durations.parse("t", "30m"));
        assertEquals(Duration.ofHours(12), Durations.parse("t", "12h"));
        assertEquals(Duration.ofDays(7), Durations.parse("t", "7d"));
    }

    @Test
    void refusesWhatIsNotANumberWithAUnit() {
        for (String bad : new String[] {"", "s", "7", "-1s", "1.5s", "7 d", "9999999999999s"}) {
            assertThrows(IllegalArgumentException.class, () -> Durations.parse("t", bad), bad);
        }
    }

    @Test
    void formatsWithTheLargestExactUnit() {
        assertEquals("1s", Durations.format(Duration.ofSeconds(1)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("2m", Durations.format(Duration.ofSeconds(120)));
        assertEquals("7d", Durations.format(Duration.ofDays(7)));
        assertEquals("0ms", Durations.format(Duration.ZERO));
    }
}

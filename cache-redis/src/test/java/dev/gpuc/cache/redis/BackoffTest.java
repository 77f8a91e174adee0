package dev.gpuc.cache.redis;

import static dev.gpuc.cache.redis.Backoff.Permit.CALL;
import static dev.gpuc.cache.redis.Backoff.Permit.DENIED;
import static dev.gpuc.cache.redis.Backoff.Permit.PROBE;
import static dev.gpuc.cache.redis.Backoff.Transition.OUTAGE_STARTED;
import static dev.gpuc.cache.redis.Backoff.Transition.RECOVERED;
import static dev.gpuc.cache.redis.Backoff.Transition.STILL_DOWN;
import static dev.gpuc.cache.redis.Backoff.Transition.STILL_UP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final ManualClock clock = new ManualClock();
    private final Backoff backoff = new Backoff(clock, Duration.ofSeconds(1), Duration.ofSeconds(5));

    @Test
    void aFailureKeepsCallersAwayUntilTheRetryTime() {
        assertEquals(CALL, backoff.allow());
        assertEquals(STILL_UP, backoff.succeeded(CALL));
        assertEquals(OUTAGE_STARTED, backoff.failed(CALL));
        assertEquals(DENIED, backoff.allow());
        clock.advance(Duration.ofMillis(999));
        assertEquals(DENIED, backoff.allow());
        clock.advance(Duration.ofMillis(1));
        assertEquals(PROBE, backoff.allow());
        assertEquals(DENIED, backoff.allow(), "one probe at a time");
    }

    @Test
    void failedProbesDoubleTheWaitUpToTheCap() {
        backoff.failed(CALL);
        for (long expected : new long[] {2, 4, 5, 5}) {
            clock.advance(backoff.currentWait());
            assertEquals(PROBE, backoff.allow());
            assertEquals(STILL_DOWN, backoff.failed(PROBE));
            assertEquals(Duration.ofSeconds(expected), backoff.currentWait());
        }
        clock.advance(Duration.ofSeconds(4));
        assertEquals(DENIED, backoff.allow());
    }

    @Test
    void aSuccessfulProbeClosesTheCircuitAndResetsTheWait() {
        backoff.failed(CALL);
        clock.advance(Duration.ofSeconds(1));
        backoff.failed(backoff.allow());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(RECOVERED, backoff.succeeded(backoff.allow()));
        assertEquals(CALL, backoff.allow());
        assertEquals(OUTAGE_STARTED, backoff.failed(CALL), "a new outage is reported again");
        assertEquals(Duration.ofSeconds(1), backoff.currentWait());
    }

    @Test
    void callsInFlightWhenTheOutageBeganDoNotCountAsRetries() {
        assertEquals(OUTAGE_STARTED, backoff.failed(CALL));
        assertEquals(STILL_DOWN, backoff.failed(CALL));
        assertEquals(STILL_DOWN, backoff.succeeded(CALL));
        assertEquals(Duration.ofSeconds(1), backoff.currentWait());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(PROBE, backoff.allow());
    }
}

package dev.gpuc.cache.redis;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A circuit breaker for the remote tier. While the server answers, every call goes through.
 * After a failure the tier is skipped until a retry time; then one call (a probe) goes through:
 * success closes the circuit, failure doubles the wait up to a cap. The clock is injected so
 * tests move time instead of sleeping.
 *
 * <p>The transitions are returned to the caller, which logs the first failure of an outage
 * and the recovery, and nothing in between.
 */
final class Backoff {
    /** Whether a call may go to the server, and in which role. */
    enum Permit { DENIED, CALL, PROBE }

    /** What a reported outcome changed. */
    enum Transition { OUTAGE_STARTED, STILL_DOWN, RECOVERED, STILL_UP }

    private final InstantSource clock;
    private final Duration initial;
    private final Duration max;
    private Duration wait;
    private Instant retryAt;   // null while the circuit is closed
    private boolean probing;

    Backoff(InstantSource clock, Duration initial, Duration max) {
        this.clock = clock;
        this.initial = initial;
        this.max = max;
        this.wait = initial;
    }

    /**
     * Whether a call may go to the server now. While the circuit is open, the first caller
     * after the retry time becomes the probe; the others keep skipping until it reports back.
     */
    synchronized Permit allow() {
        if (retryAt == null) {
            return Permit.CALL;
        }
        if (probing || clock.instant().isBefore(retryAt)) {
            return Permit.DENIED;
        }
        probing = true;
        return Permit.PROBE;
    }

    /**
     * Reports a failed call. Only the first failure opens the circuit and only a failed probe
     * lengthens the wait: calls that were already in flight when the outage began fail too, and
     * must not count as retries.
     */
    synchronized Transition failed(Permit permit) {
        if (retryAt == null) {
            wait = initial;
            retryAt = clock.instant().plus(wait);
            return Transition.OUTAGE_STARTED;
        }
        if (permit == Permit.PROBE) {
            probing = false;
            Duration doubled = wait.multipliedBy(2);
            wait = doubled.compareTo(max) > 0 ? max : doubled;
            retryAt = clock.instant().plus(wait);
        }
        return Transition.STILL_DOWN;
    }

    /** Reports a successful call; only the probe closes an open circuit. */
    synchronized Transition succeeded(Permit permit) {
        if (retryAt == null) {
            return Transition.STILL_UP;
        }
        if (permit != Permit.PROBE) {
            return Transition.STILL_DOWN;
        }
        probing = false;
        retryAt = null;
        wait = initial;
        return Transition.RECOVERED;
    }

    /** How long the tier stays off the server after the latest failure. */
    synchronized Duration currentWait() {
        return wait;
    }

    synchronized boolean isOpen() {
        return retryAt != null;
    }
}

package dev.gpuc.isolation;

import java.util.concurrent.TimeUnit;

/**
 * Ends a worker whose request runs past its deadline, or whose waiting thread is interrupted,
 * by killing it: that ends the waiting thread's read of the worker's pipe, which in Java can
 * neither time out nor be interrupted. The waiting thread reads its replies itself, so a
 * reply costs one thread wake-up rather than two (a reader thread's, then a hand-off); arming
 * and disarming do not wake this thread either: it polls while requests come, and sleeps
 * once none has come for a while.
 */
final class Watchdog {
    /** Why the watchdog killed the worker. */
    enum Verdict { TIMED_OUT, INTERRUPTED }

    /** How late a deadline or an interrupt may be noticed. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** How long without a request before this thread sleeps until the next request wakes it. */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Runnable kill;
    // All guarded by this.
    private Thread waiter;
    private long deadline;
    private Verdict verdict;
    private boolean sleeping;
    private boolean stopped;

    /** @param kill kills the worker; called at most once, on this watchdog's thread */
    Watchdog(String name, Runnable kill) {
        this.kill = kill;
        Thread t = new Thread(this::watch, name);
        t.setDaemon(true);
        t.start();
    }

    /** Watches the calling thread's request until {@code deadline} ({@link System#nanoTime()}). */
    synchronized void arm(long deadline) {
        this.waiter = Thread.currentThread();
        this.deadline = deadline;
        if (sleeping) {
            notifyAll();
        }
    }

    /** Ends the watch of the current request. */
    synchronized void disarm() {
        waiter = null;
    }

    /** Whether, and why, the worker was killed by this watchdog; null if it was not. */
    synchronized Verdict verdict() {
        return verdict;
    }

    /** Ends this watchdog's thread; the worker is dead or exiting. */
    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    private void watch() {
        long lastRequest = System.nanoTime();
        synchronized (this) {
            while (!stopped) {
                long now = System.nanoTime();
                if (waiter != null) {
                    lastRequest = now;
                    if (now - deadline >= 0) {
                        verdict = Verdict.TIMED_OUT;
                    } else if (waiter.isInterrupted()) {
                        verdict = Verdict.INTERRUPTED;
                    }
                    if (verdict != null) {
                        break;
                    }
                }
                sleeping = waiter == null && now - lastRequest >= IDLE_NANOS;
                try {
                    if (sleeping) {
                        wait();
                    } else {
                        long nap = waiter == null ? POLL_NANOS : Math.min(POLL_NANOS, deadline - now);
                        TimeUnit.NANOSECONDS.timedWait(this, Math.max(nap, 1));
                    }
                } catch (InterruptedException e) {
                    return; // no one interrupts this thread but a JVM on its way out
                } finally {
                    sleeping = false;
                }
            }
            if (verdict == null) {
                return;
            }
        }
        kill.run(); // outside the lock: the waiting thread disarms while the worker dies
    }
}

package dev.gpuc.cli;

import dev.gpuc.ir.Llvm;
import java.util.List;
import java.util.Set;

/**
 * Loads LLVM (javacpp's loader, the native libraries, every target: about a quarter of a second
 * on a fresh JVM) on a thread of its own while the main thread parses the command line and sets
 * the command up, for the commands that always need LLVM.
 *
 * <p>The preload's outcome is not used: the command's own first use of LLVM waits for the same
 * one-time initialisation ({@link Llvm#initialize()} is idempotent and remembers a failure), so a
 * failure is reported by the command exactly as without the preload.
 */
final class LlvmPreload {
    /** The commands that load LLVM whatever their arguments. */
    private static final Set<String> NEEDS_LLVM = Set.of("compile", "run", "backends", "demo");
    /** Arguments that make a command print and exit without compiling anything. */
    private static final Set<String> NO_WORK = Set.of("-h", "--help", "-V", "--version");
    private static final LlvmPreload NONE = new LlvmPreload(null);

    private final Thread thread;

    private LlvmPreload(Thread thread) {
        this.thread = thread;
    }

    /** Starts loading LLVM when {@code args} run a command that needs it; otherwise does nothing. */
    static LlvmPreload startFor(String... args) {
        if (!wanted(List.of(args))) {
            return NONE;
        }
        Thread t = new Thread(LlvmPreload::load, "gpuc-llvm-preload");
        t.setDaemon(true);
        t.start();
        return new LlvmPreload(t);
    }

    static boolean wanted(List<String> args) {
        return !args.isEmpty() && NEEDS_LLVM.contains(args.get(0)) && args.stream().noneMatch(NO_WORK::contains);
    }

    private static void load() {
        try {
            Llvm.initialize();
        } catch (Throwable t) {
            // The command's own first use meets the same failure and reports it, typed, on one
            // line; a stack trace from this thread would be a second, untyped report.
        }
    }

    /**
     * Waits until the load has ended. The process must not exit while it runs: exiting runs
     * LLVM's static destructors, which would race with its initialisation on this thread.
     */
    void awaitEnd() {
        if (thread == null) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

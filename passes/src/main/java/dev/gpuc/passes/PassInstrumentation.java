package dev.gpuc.passes;

import dev.gpuc.ir.Module;
import dev.gpuc.ir.VerificationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs passes under {@link InstrumentationOptions} and collects their timings. One instance per
 * compilation (it accumulates); not shared between threads.
 */
public final class PassInstrumentation {
    private final InstrumentationOptions options;
    private final List<PassTiming> timings = new ArrayList<>();

    public PassInstrumentation(InstrumentationOptions options) {
        this.options = options == null ? InstrumentationOptions.OFF : options;
    }

    public static PassInstrumentation off() {
        return new PassInstrumentation(InstrumentationOptions.OFF);
    }

    public InstrumentationOptions options() {
        return options;
    }

    /**
     * Runs one pass with the requested observations.
     *
     * @throws VerificationException when verify-after-each is on and the pass broke the module
     */
    public boolean run(Pass pass, Module module) {
        long start = System.nanoTime();
        boolean changed = options.timePasses() ? pass.runTrackingChanges(module) : pass.run(module);
        long elapsed = System.nanoTime() - start;
        if (options.timePasses()) {
            timings.add(new PassTiming(pass.name(), Duration.ofNanos(elapsed), changed));
        }
        if (options.verifyEach()) {
            Optional<String> error = module.verificationError();
            if (error.isPresent()) {
                throw new VerificationException("module is broken after pass '" + pass.name() + "': " + error.get());
            }
        }
        if (options.printAfterEach() != null) {
            options.printAfterEach().accept("; after " + pass.name() + "\n" + module.print());
        }
        return changed;
    }

    /** Records a timing measured elsewhere (a backend step that is not a {@link Pass}). */
    public void record(PassTiming timing) {
        if (options.timePasses()) {
            timings.add(timing);
        }
    }

    /** The timings so far; empty unless {@code timePasses} is on. */
    public TimingReport report() {
        return new TimingReport(timings);
    }
}

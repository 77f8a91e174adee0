package dev.gpuc.passes;

import java.util.function.Consumer;

/**
 * What to observe while a pipeline runs; everything is off by default because each option
 * costs time proportional to the module.
 *
 * @param timePasses     collect each pass's wall time and change flag into a {@link TimingReport}
 * @param verifyEach     run LLVM's verifier after each pass and name the pass that broke the module
 * @param printAfterEach receives {@code ; after <pass>} and the module's text after each pass
 *                       (for bisecting a miscompile); null for none
 */
public record InstrumentationOptions(boolean timePasses, boolean verifyEach, Consumer<String> printAfterEach) {
    public static final InstrumentationOptions OFF = new InstrumentationOptions(false, false, null);

    public InstrumentationOptions withTimePasses(boolean value) {
        return new InstrumentationOptions(value, verifyEach, printAfterEach);
    }

    public InstrumentationOptions withVerifyEach(boolean value) {
        return new InstrumentationOptions(timePasses, value, printAfterEach);
    }

    public InstrumentationOptions withPrintAfterEach(Consumer<String> sink) {
        return new InstrumentationOptions(timePasses, verifyEach, sink);
    }

    public boolean isOff() {
        return !timePasses && !verifyEach && printAfterEach == null;
    }
}

package dev.gpuc.api;

import java.util.List;

/**
 * Valid IR that the target cannot run, like GPUCompiler.jl's {@code InvalidIRError}: each
 * problem names its function and instruction.
 */
public final class InvalidIrForTarget extends GpucException {
    private static final long serialVersionUID = 1L;

    /** One offending construct. {@code reason} is a short tag such as {@code unknown-function}. */
    public record Problem(String reason, String function, String instruction, String detail) {
        @Override
        public String toString() {
            return reason + " in function @" + function + ": " + detail + (instruction.isEmpty() ? "" : " [" + instruction + "]");
        }
    }

    private final String target;
    private final List<Problem> problems;

    public InvalidIrForTarget(String target, List<Problem> problems) {
        super(format(target, problems), null);
        this.target = target;
        this.problems = List.copyOf(problems);
    }

    private static String format(String target, List<Problem> problems) {
        if (problems.isEmpty()) {
            return "invalid IR for " + target;
        }
        String first = problems.get(0).toString();
        return "invalid IR for " + target + ": " + first
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
    }

    public String target() {
        return target;
    }

    public List<Problem> problems() {
        return problems;
    }

    @Override
    public String kind() {
        return "invalid-ir-for-target";
    }
}

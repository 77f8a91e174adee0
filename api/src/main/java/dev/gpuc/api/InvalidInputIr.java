package dev.gpuc.api;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The input is not valid LLVM IR: it does not parse, or LLVM's verifier rejects it; or the job
 * names an entry point the module does not define ({@link #missingEntryPoint()}).
 */
public final class InvalidInputIr extends GpucException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;
    private final int column;
    private final String missingEntryPoint;

    public InvalidInputIr(String source, int line, int column, String message, Throwable cause) {
        this(source, line, column, message, cause, null);
    }

    /** @param missingEntryPoint the named entry point the module lacks, or null when that is not the problem */
    public InvalidInputIr(String source, int line, int column, String message, Throwable cause,
                          String missingEntryPoint) {
        super(message, cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.missingEntryPoint = missingEntryPoint;
    }

    /** The job named entry point {@code name}, and {@code source} does not define it. */
    public static InvalidInputIr missingEntryPoint(String source, String name) {
        return new InvalidInputIr(source, 0, 0, "entry point @" + name + " not found in " + source, null, name);
    }

    public InvalidInputIr(String source, String message) {
        this(source, 0, 0, message, null);
    }

    public String source() {
        return source;
    }

    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    public OptionalInt column() {
        return column > 0 ? OptionalInt.of(column) : OptionalInt.empty();
    }

    /**
     * The entry point the job named and the module lacks: a mistake of whoever named it (a
     * command line, say) rather than of the IR, so callers can tell it apart without reading
     * the message.
     */
    public Optional<String> missingEntryPoint() {
        return Optional.ofNullable(missingEntryPoint);
    }

    @Override
    public String kind() {
        return "invalid-ir";
    }
}

package dev.gpuc.api;

import java.util.OptionalInt;

/** The input is not valid LLVM IR: it does not parse, or LLVM's verifier rejects it. */
public final class InvalidInputIr extends GpucException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;
    private final int column;

    public InvalidInputIr(String source, int line, int column, String message, Throwable cause) {
        super(message, cause);
        this.source = source;
        this.line = line;
        this.column = column;
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

    @Override
    public String kind() {
        return "invalid-ir";
    }
}

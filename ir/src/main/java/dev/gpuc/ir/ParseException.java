package dev.gpuc.ir;

import java.util.OptionalInt;

/** Textual IR or bitcode that LLVM could not read; line and column where the parser says. */
public final class ParseException extends LlvmException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;
    private final int column;

    public ParseException(String source, int line, int column, String message) {
        super(format(source, line, column, message));
        this.source = source;
        this.line = line;
        this.column = column;
    }

    private static String format(String source, int line, int column, String message) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.append(": ").append(message).toString();
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
}

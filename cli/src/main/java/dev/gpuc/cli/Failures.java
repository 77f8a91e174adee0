package dev.gpuc.cli;

import dev.gpuc.api.GpucException;
import dev.gpuc.api.InvalidInputIr;
import dev.gpuc.compiler.InsecureCacheDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Turns every failure into one {@code error[kind]: message} line and an exit code; never a stack trace. */
final class Failures {
    private Failures() {}

    /** A usage problem found after parsing (an entry point that does not exist, an unreadable input). */
    static final class Usage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Usage(String message) {
            super(message);
        }
    }

    /** An input that is not what the command needs (not an artifact, not readable as IR). */
    static final class BadInput extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String kind;

        BadInput(String kind, String message) {
            super(message);
            this.kind = kind;
        }
    }

    /**
     * A named entry point the module does not define is a mistake on the command line, so it is
     * reported as a usage error rather than as bad input.
     */
    static RuntimeException entryPointAsUsage(RuntimeException e) {
        if (e instanceof InvalidInputIr ir && ir.missingEntryPoint().isPresent()) {
            return new Usage(e.getMessage());
        }
        return e;
    }

    static int onUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        cl.getErr().println("error[usage]: " + firstLine(e.getMessage()) + " (see '"
                + cl.getCommandSpec().qualifiedName() + " --help')");
        return ExitCode.USAGE;
    }

    static int onExecution(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        return report(cl.getErr(), null, e);
    }

    /** The {@code kind} of {@code error[kind]} for any failure. */
    static String kind(Throwable e) {
        if (e instanceof GpucException g) {
            return g.kind();
        }
        if (e instanceof BadInput b) {
            return b.kind;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            return "io";
        }
        return e instanceof Usage || e instanceof InsecureCacheDirectory ? "usage" : "internal";
    }

    /** Prints the error line for a failure of {@code input} (null when no single input is involved). */
    static int report(PrintWriter err, String input, Throwable e) {
        String named = input == null ? "" : input + ": ";
        switch (kind(e)) {
            case "usage" -> {
                err.println("error[usage]: " + firstLine(e.getMessage()));
                return ExitCode.USAGE;
            }
            case "internal" -> {
                err.println("error[internal]: " + named + firstLine(String.valueOf(e))
                        + " (a bug in gpuc; set GPUC_DEBUG=1 for the stack trace)");
                if (System.getenv("GPUC_DEBUG") != null) {
                    e.printStackTrace(err);
                }
                return ExitCode.INTERNAL;
            }
            default -> {
                err.println(e instanceof GpucException g ? line(input, g)
                        : "error[" + kind(e) + "]: " + named + firstLine(e.getMessage()));
                return ExitCode.COMPILATION_ERROR;
            }
        }
    }

    /** {@code error[kind]: input[:line:col]: message}, on one line. */
    static String line(String input, GpucException e) {
        String message = firstLine(e.getMessage());
        String where = input;
        if (e instanceof InvalidInputIr ir && ir.line().isPresent()) {
            where = (input == null ? ir.source() : input) + ":" + ir.line().getAsInt()
                    + ir.column().stream().mapToObj(c -> ":" + c).findFirst().orElse("");
        }
        boolean named = where == null || message.startsWith(where) || (input != null && message.startsWith(input));
        return "error[" + e.kind() + "]: " + (named ? "" : where + ": ") + message;
    }

    /** The first non-blank line: LLVM diagnostics add source excerpts and carets below it. */
    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        return message.lines().map(String::strip).filter(s -> !s.isEmpty()).findFirst().orElse("");
    }
}

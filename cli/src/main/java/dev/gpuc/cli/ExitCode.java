package dev.gpuc.cli;

/** The exit codes of every gpuc command. */
final class ExitCode {
    static final int OK = 0;
    static final int COMPILATION_ERROR = 1;
    static final int USAGE = 2;
    static final int INTERNAL = 3;

    private ExitCode() {}
}

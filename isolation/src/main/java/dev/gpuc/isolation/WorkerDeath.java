package dev.gpuc.isolation;

import dev.gpuc.api.BackendCrash;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Why a worker died, in words, from its exit status and the tail of its stderr.
 *
 * <p>A signal the JVM handles itself (SIGSEGV, SIGBUS, SIGILL, SIGFPE in native code) makes it
 * print a banner of {@code #} lines naming the signal and the problematic frame, then abort, so
 * the exit status says SIGABRT: the banner is the better witness and wins. A signal the JVM
 * does not handle (LLVM's {@code abort()} after {@code LLVM ERROR: …}) shows as status 128+N.
 * The banner is taken out of the message, which keeps what LLVM itself said last.
 */
final class WorkerDeath {
    private WorkerDeath() {}

    private static final Pattern JVM_SIGNAL = Pattern.compile("^#\\s+(SIG[A-Z]+) \\(0x([0-9a-f]+)\\)", Pattern.MULTILINE);
    private static final Pattern PROBLEMATIC_FRAME = Pattern.compile("^# Problematic frame:\\s*\\R#\\s*(.+)$",
            Pattern.MULTILINE);

    /** Linux signal numbers by name, for the signals a crashing compiler shows. */
    private static final List<String> SIGNALS = List.of("", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP",
            "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
            "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
            "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS");

    /**
     * @param exitStatus the worker's exit status ({@link Process#exitValue()})
     * @param stderr     the tail of its stderr
     * @param maxHeap    the worker's {@code -Xmx}, named when it ran out of heap
     */
    static BackendCrash died(int exitStatus, String stderr, String maxHeap) {
        return new BackendCrash(cause(exitStatus, stderr, maxHeap), lastMessage(stderr));
    }

    /** A worker the host killed because it did not answer in time; {@code overdue} says what it was late for. */
    static BackendCrash timedOut(String overdue, String stderr) {
        return new BackendCrash("timeout: " + overdue + "; the worker and its child processes were killed",
                lastMessage(stderr));
    }

    /** A worker that broke the protocol or whose pipes failed; it was killed. */
    static BackendCrash broken(String what, String stderr) {
        return new BackendCrash("worker protocol failure: " + what + "; the worker was killed", lastMessage(stderr));
    }

    static String cause(int exitStatus, String stderr, String maxHeap) {
        Matcher jvm = JVM_SIGNAL.matcher(stderr);
        if (jvm.find()) {
            int number = Integer.parseInt(jvm.group(2), 16);
            Matcher frame = PROBLEMATIC_FRAME.matcher(stderr);
            return "signal " + number + " (" + jvm.group(1) + ")"
                    + (frame.find() ? " in native code at " + frame.group(1).strip().replaceAll("\\s+", " ") : "");
        }
        if (stderr.contains("There is insufficient memory for the Java Runtime Environment")) {
            return "out of native memory (the JVM could not allocate)";
        }
        if (stderr.contains("Terminating due to java.lang.OutOfMemoryError")) {
            return "out of memory: the worker's Java heap (-Xmx" + maxHeap + ") is exhausted";
        }
        if (exitStatus > 128 && exitStatus - 128 < SIGNALS.size()) {
            int signal = exitStatus - 128;
            return "signal " + signal + " (" + SIGNALS.get(signal) + ")"
                    + (signal == 9 ? ", killed from outside (the kernel's out-of-memory killer?)" : "");
        }
        return "exit status " + exitStatus;
    }

    /** The tail without the JVM's crash banner: what LLVM or the backend said last. */
    static String lastMessage(String stderr) {
        if (!JVM_SIGNAL.matcher(stderr).find() && !stderr.contains("# A fatal error has been detected")) {
            return stderr.strip();
        }
        return stderr.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n")).strip();
    }
}

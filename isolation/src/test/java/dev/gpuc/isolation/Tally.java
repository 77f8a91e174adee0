package dev.gpuc.isolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Campaign counts per family and in total: inputs, valid artifacts, typed errors by kind, contained crashes by cause. */
final class Tally {
    /** Counts of one family. */
    static final class Counts {
        int inputs;
        int compiled;
        final Map<String, Integer> typed = new TreeMap<>();
        final Map<String, Integer> crashed = new TreeMap<>();
        int untyped;

        int typedTotal() {
            return typed.values().stream().mapToInt(Integer::intValue).sum();
        }

        int crashedTotal() {
            return crashed.values().stream().mapToInt(Integer::intValue).sum();
        }

        String format() {
            return String.format("%5d inputs %5d compiled %5d typed errors %-60s %4d contained crashes %-40s %d untyped",
                    inputs, compiled, typedTotal(), typed, crashedTotal(), crashed, untyped);
        }
    }

    private final Map<String, Counts> families = new TreeMap<>();
    private final Counts total = new Counts();
    /** The first message of each distinct crash, for the report. */
    private final Map<String, String> crashExamples = new TreeMap<>();
    private final List<String> untypedFailures = new ArrayList<>();

    /** Every input's outcome as a line, for --verbose. */
    static String describe(Campaign.Input in, Campaign.Outcome outcome) {
        if (outcome instanceof Campaign.Compiled) {
            return in.name() + ": compiled";
        }
        if (outcome instanceof Campaign.Typed t) {
            return in.name() + ": error[" + t.error().kind() + "] " + t.error().getMessage();
        }
        if (outcome instanceof Campaign.Crashed k) {
            return in.name() + ": " + k.crash().getMessage() + "\n    " + k.crash().lastOutput().replace("\n", "\n    ");
        }
        return in.name() + ": UNTYPED " + ((Campaign.Untyped) outcome).error();
    }

    void add(Campaign.Input in, Campaign.Outcome outcome) {
        for (Counts c : List.of(families.computeIfAbsent(in.family(), f -> new Counts()), total)) {
            c.inputs++;
            if (outcome instanceof Campaign.Compiled) {
                c.compiled++;
            } else if (outcome instanceof Campaign.Typed t) {
                c.typed.merge(t.error().kind(), 1, Integer::sum);
            } else if (outcome instanceof Campaign.Crashed k) {
                c.crashed.merge(shortCause(k.crash().crashCause()), 1, Integer::sum);
            } else {
                c.untyped++;
            }
        }
        if (outcome instanceof Campaign.Crashed k) {
            crashExamples.putIfAbsent(in.family() + ": " + shortCause(k.crash().crashCause()) + ": "
                    + gist(k.crash().lastOutput()), in.name());
        } else if (outcome instanceof Campaign.Untyped u) {
            untypedFailures.add(in.name() + ": " + u.error());
        }
    }

    Counts total() {
        return total;
    }

    Map<String, Counts> families() {
        return families;
    }

    List<String> untypedFailures() {
        return untypedFailures;
    }

    /** "signal 6 (SIGABRT)" out of "signal 6 (SIGABRT) in native code at …", "timeout" out of "timeout: …". */
    static String shortCause(String cause) {
        int paren = cause.indexOf(')');
        if (cause.startsWith("signal ") && paren > 0) {
            return cause.substring(0, paren + 1);
        }
        int colon = cause.indexOf(':');
        return colon > 0 ? cause.substring(0, colon) : cause;
    }

    /**
     * The line that says what went wrong (LLVM's {@code LLVM ERROR:} line if there is one, else
     * the last), with addresses and generated names blurred so that one bug is one line.
     */
    static String gist(String lastOutput) {
        List<String> lines = lastOutput.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String line = lines.stream().filter(l -> l.contains("LLVM ERROR")).findFirst()
                .orElse(lines.isEmpty() ? "" : lines.get(lines.size() - 1));
        return line.replaceAll("0x[0-9a-fA-F]+", "0x…").replaceAll("autogen_SD[0-9]+", "autogen_SD…")
                .replaceAll("%[0-9]+", "%…").replaceAll("<[0-9]+>", "<…>");
    }

    String format() {
        StringBuilder sb = new StringBuilder();
        families.forEach((f, c) -> sb.append(String.format("%-16s %s%n", f, c.format())));
        sb.append(String.format("%-16s %s%n", "TOTAL", total.format()));
        if (!crashExamples.isEmpty()) {
            sb.append("distinct contained crashes (family: cause: LLVM's message  [first input]):\n");
            crashExamples.forEach((message, input) -> sb.append("  ").append(message.replace('\n', ' '))
                    .append("  [").append(input).append("]\n"));
        }
        untypedFailures.forEach(u -> sb.append("UNTYPED ").append(u).append('\n'));
        return sb.toString();
    }
}

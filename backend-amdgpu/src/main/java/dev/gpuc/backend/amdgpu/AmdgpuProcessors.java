package dev.gpuc.backend.amdgpu;

import dev.gpuc.api.BackendUnavailable;
import dev.gpuc.ir.LlvmException;
import dev.gpuc.ir.LlvmTools;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The processors and features LLVM's AMDGPU target knows, as LLVM itself lists them
 * ({@code llc -march=amdgcn -mcpu=help}, from the same LLVM build gpuc links against).
 *
 * <p>Asking LLVM matters: an unknown processor name is only a warning to LLVM, which then
 * selects instructions for no processor at all and aborts the process ("Cannot select").
 * The C API has no way to ask whether a name is valid, so the list is read once per JVM.
 */
record AmdgpuProcessors(SortedSet<String> processors, SortedSet<String> features) {
    private static final String PROCESSORS_HEADER = "Available CPUs for this target:";
    private static final String FEATURES_HEADER = "Available features for this target:";

    AmdgpuProcessors {
        processors = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(processors));
        features = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(features));
    }

    private static AmdgpuProcessors known;

    /** LLVM's lists, read once. */
    static synchronized AmdgpuProcessors known() {
        if (known == null) {
            LlvmTools.Result help;
            try {
                help = LlvmTools.run("llc", List.of("-march=amdgcn", "-mcpu=help"), Duration.ofSeconds(60));
            } catch (LlvmException e) {
                throw new BackendUnavailable(AmdgpuBackend.ID, true,
                        "cannot list LLVM's AMDGPU processors: " + e.getMessage());
            }
            AmdgpuProcessors parsed = parse(help.stdout() + "\n" + help.stderr());
            if (!help.succeeded() || parsed.processors.isEmpty()) {
                throw new BackendUnavailable(AmdgpuBackend.ID, true, "llc -march=amdgcn -mcpu=help listed no processors"
                        + " (exit " + help.exitCode() + "): " + help.stderr().strip());
            }
            known = parsed;
        }
        return known;
    }

    /** Parses LLVM's {@code -mcpu=help} text: two sections of {@code name - description} lines. */
    static AmdgpuProcessors parse(String help) {
        SortedSet<String> processors = new TreeSet<>();
        SortedSet<String> features = new TreeSet<>();
        SortedSet<String> section = null;
        for (String line : help.lines().toList()) {
            String stripped = line.strip();
            if (stripped.equals(PROCESSORS_HEADER)) {
                section = processors;
            } else if (stripped.equals(FEATURES_HEADER)) {
                section = features;
            } else if (section != null && stripped.contains(" - ")) {
                section.add(stripped.substring(0, stripped.indexOf(" - ")).strip());
            } else if (!stripped.isEmpty()) {
                section = null; // the usage notes after the lists
            }
        }
        return new AmdgpuProcessors(processors, features);
    }

    /** Up to {@code max} names from {@code candidates} closest to {@code name}, best first. */
    static List<String> closest(String name, Collection<String> candidates, int max) {
        return candidates.stream()
                .filter(c -> distance(name, c) <= Math.max(2, name.length() / 3))
                .sorted(Comparator.comparingInt((String c) -> distance(name, c)).thenComparing(c -> c))
                .limit(max)
                .toList();
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}

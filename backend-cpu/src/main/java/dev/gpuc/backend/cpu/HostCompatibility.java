package dev.gpuc.backend.cpu;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.UnsupportedFeature;
import dev.gpuc.ir.Llvm;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Refuses to run host code on a machine it was not compiled for: another architecture, or CPU
 * features (such as {@code +avx512f}) this machine lacks would fault at the first instruction.
 * Reads the target from the artifact's provenance, in {@link dev.gpuc.api.Target#describe()}'s
 * form; a CPU name alone cannot be checked without LLVM's processor tables, and is not.
 */
final class HostCompatibility {
    private static final Pattern DESCRIBED = Pattern.compile("^[^:;]+:([^;]+)(?:;.*)?$");
    private static final Pattern FEATURES = Pattern.compile(";features=([^;]*)");

    private HostCompatibility() {}

    /** @throws UnsupportedFeature naming what this host lacks */
    static void check(Artifact artifact) {
        String target = artifact.provenance().target();
        Matcher described = DESCRIBED.matcher(target == null ? "" : target);
        if (!described.matches()) {
            return;
        }
        String host = Llvm.hostTriple();
        String arch = archOf(described.group(1));
        if (!arch.equals(archOf(host))) {
            throw new UnsupportedFeature("artifact was compiled for " + described.group(1) + "; this host is " + host);
        }
        Matcher f = FEATURES.matcher(target);
        if (f.find()) {
            Set<String> hostFeatures = Set.of(Llvm.hostFeatures().split(","));
            List<String> missing = Arrays.stream(f.group(1).split(","))
                    .filter(x -> x.startsWith("+") && !hostFeatures.contains(x)).collect(Collectors.toList());
            if (!missing.isEmpty()) {
                throw new UnsupportedFeature("artifact needs CPU features " + missing + " that this host ("
                        + Llvm.hostCpu() + ") lacks");
            }
        }
    }

    private static String archOf(String triple) {
        int dash = triple.indexOf('-');
        return dash < 0 ? triple : triple.substring(0, dash);
    }
}

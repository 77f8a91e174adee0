package dev.gpuc.bench;

import dev.gpuc.bench.report.Equivalence;
import dev.gpuc.passes.StageTiming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Param;

/**
 * Compiles every toolkit-overhead case once each way and records whether gpuc and the bare
 * baseline produced the same bytes (if they did, they did the same LLVM work, and the measured
 * ratio is gpuc's overhead alone), then times gpuc's stages over {@value #ROUNDS} more
 * compilations. Usage: {@code OverheadEquivalence OUT.json}.
 */
public final class OverheadEquivalence {
    private OverheadEquivalence() {}

    static final int ROUNDS = 7;

    public static void main(String[] args) throws IOException, NoSuchFieldException {
        if (args.length != 1) {
            System.err.println("usage: OverheadEquivalence OUT.json");
            System.exit(2);
        }
        String[] cases = ToolkitOverheadBenchmark.class.getField("kernel").getAnnotation(Param.class).value();
        List<Equivalence> checks = new ArrayList<>();
        for (String name : cases) {
            OverheadCase c = OverheadCase.of(name);
            byte[] gpuc = c.gpuc();
            byte[] bare = c.bare();
            boolean identical = Arrays.equals(gpuc, bare);
            checks.add(new Equivalence(name, identical, gpuc.length, bare.length, medianStages(c)));
            System.out.println(name + ": " + (identical ? "identical" : "DIFFERENT") + " output");
        }
        Files.writeString(Path.of(args[0]), Equivalence.toJson(checks));
    }

    /** The median of each stage's time over {@link #ROUNDS} compilations, in pipeline order. */
    private static Map<String, Double> medianStages(OverheadCase c) {
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        for (int i = 0; i < ROUNDS; i++) {
            for (StageTiming t : c.gpucResult().timings()) {
                samples.computeIfAbsent(t.stage(), s -> new ArrayList<>()).add(t.duration().toNanos() / 1e6);
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        samples.forEach((stage, xs) -> medians.put(stage, xs.stream().sorted().toList().get(xs.size() / 2)));
        return medians;
    }
}

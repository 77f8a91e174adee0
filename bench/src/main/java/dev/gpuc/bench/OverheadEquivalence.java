package dev.gpuc.bench;

import dev.gpuc.bench.report.Equivalence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.annotations.Param;

/**
 * Compiles every toolkit-overhead case once each way and records whether gpuc and the bare
 * baseline produced the same bytes: if they did, they did the same LLVM work, and the measured
 * ratio is gpuc's overhead alone. Usage: {@code OverheadEquivalence OUT.json}.
 */
public final class OverheadEquivalence {
    private OverheadEquivalence() {}

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
            checks.add(new Equivalence(name, Arrays.equals(gpuc, bare), gpuc.length, bare.length));
            System.out.println(name + ": " + (Arrays.equals(gpuc, bare) ? "identical" : "DIFFERENT") + " output");
        }
        Files.writeString(Path.of(args[0]), Equivalence.toJson(checks));
    }
}

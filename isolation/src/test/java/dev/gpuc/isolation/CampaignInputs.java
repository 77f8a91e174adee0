package dev.gpuc.isolation;

import dev.gpuc.api.BackendLookup;
import dev.gpuc.api.Backends;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.Target;
import dev.gpuc.ir.LlvmTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The campaign's inputs: corpus files, llvm-stress modules per backend, and mutated bitcode. */
final class CampaignInputs {
    private CampaignInputs() {}

    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

    /** The default targets of the backends that can run here; the others are reported and left out. */
    static List<Target> targets(List<String> backendIds, Appendable notes) {
        Backends backends = Backends.discover();
        List<Target> out = new ArrayList<>();
        for (String id : backendIds) {
            BackendLookup l = backends.lookup(id);
            if (l instanceof BackendLookup.Found f) {
                out.add(f.backend().defaultTarget());
            } else {
                append(notes, "left out backend " + id + ": " + l + "\n");
            }
        }
        return out;
    }

    /** Every corpus crasher and malformed input, for every target. */
    static List<Campaign.Input> corpus(List<Target> targets) {
        List<Campaign.Input> out = new ArrayList<>();
        for (String dir : List.of("crashers", "malformed")) {
            for (Path file : Corpus.files(dir)) {
                ModuleSource source = Corpus.source(dir, file.getFileName().toString());
                for (Target t : targets) {
                    out.add(new Campaign.Input(dir + "/" + t.backend(), file.getFileName() + " on " + t.backend(),
                            CompileJob.builder(source, t).build()));
                }
            }
        }
        return out;
    }

    /**
     * One llvm-stress module per seed, for every target. llvm-stress writes one function,
     * {@code @autogen_SD<seed>}, taking host pointers: it is the entry point, a kernel for even
     * seeds and a plain function for odd ones, so both kinds of lowering are exercised. The
     * optimisation level is the seed modulo 4: at -O0 the module reaches code generation as
     * llvm-stress wrote it (allocas, odd vector operations), which is where LLVM's back ends
     * break; optimised, most of it folds away.
     */
    static List<Campaign.Input> stress(List<Target> targets, int fromSeed, int toSeed, int size) {
        List<Campaign.Input> out = new ArrayList<>();
        for (int seed = fromSeed; seed < toSeed; seed++) {
            ModuleSource source = ModuleSource.ofText("stress-" + seed + ".ll", stressText(seed, size));
            for (Target t : targets) {
                out.add(new Campaign.Input("stress/" + t.backend(), "seed " + seed + " on " + t.backend(),
                        CompileJob.builder(source, t).entryPoint("autogen_SD" + seed).kernel(seed % 2 == 0)
                                .optLevel(seed % 4).build()));
            }
        }
        return out;
    }

    /**
     * {@code count} mutants of the bitcode of a few llvm-stress modules: truncated, with bytes
     * flipped, or with a window overwritten, each at positions drawn from its own seed. They
     * go through the parser (and on through {@code target} when they still parse).
     */
    static List<Campaign.Input> mutations(Target target, int count) {
        List<byte[]> bases = new ArrayList<>();
        for (int seed = 100_000; seed < 100_005; seed++) {
            bases.add(bitcode(stressText(seed, 60)));
        }
        List<Campaign.Input> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] base = bases.get(i % bases.size());
            Random r = new Random(i);
            byte[] m;
            String how;
            switch (i % 3) {
                case 0 -> {
                    int length = r.nextInt(base.length);
                    m = java.util.Arrays.copyOf(base, length);
                    how = "truncated to " + length;
                }
                case 1 -> {
                    m = base.clone();
                    int flips = 1 + r.nextInt(8);
                    for (int k = 0; k < flips; k++) {
                        m[r.nextInt(m.length)] ^= (byte) (1 + r.nextInt(255));
                    }
                    how = flips + " bytes flipped";
                }
                default -> {
                    m = base.clone();
                    int at = r.nextInt(m.length);
                    int n = Math.min(1 + r.nextInt(64), m.length - at);
                    byte[] noise = new byte[n];
                    r.nextBytes(noise);
                    System.arraycopy(noise, 0, m, at, n);
                    how = n + " bytes overwritten at " + at;
                }
            }
            out.add(new Campaign.Input("mutated/" + target.backend(), "mutant " + i + " (" + how + ")",
                    CompileJob.builder(new ModuleSource("mutant-" + i + ".bc", m), target).kernel(false).build()));
        }
        return out;
    }

    static String stressText(int seed, int size) {
        LlvmTools.Result r = LlvmTools.run("llvm-stress", List.of("-seed=" + seed, "-size=" + size), TOOL_TIMEOUT);
        if (!r.succeeded()) {
            throw new IllegalStateException("llvm-stress -seed=" + seed + " failed: " + r.stderr());
        }
        return r.stdout();
    }

    private static byte[] bitcode(String text) {
        try {
            Path dir = Files.createTempDirectory("gpuc-campaign-");
            try {
                Path ll = Files.writeString(dir.resolve("m.ll"), text);
                Path bc = dir.resolve("m.bc");
                LlvmTools.Result r = LlvmTools.run("llvm-as", List.of(ll.toString(), "-o", bc.toString()), TOOL_TIMEOUT);
                if (!r.succeeded()) {
                    throw new IllegalStateException("llvm-as failed: " + r.stderr());
                }
                return Files.readAllBytes(bc);
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Appendable a, String s) {
        try {
            a.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.gpuc.cache.redis;

import dev.gpuc.api.CompileJob;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.backend.cpu.CpuModule;
import dev.gpuc.compiler.CacheStore;
import dev.gpuc.compiler.CompileOutcome;
import dev.gpuc.compiler.Compiler;
import dev.gpuc.passes.StageTiming;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.FloatPointer;

/**
 * One machine of a fleet, run as a process of its own by {@link FleetTest}: compiles two corpus
 * kernels for the host through memory, its own disk cache and the shared Redis, loads them with
 * this session's runtime values and runs them. Prints {@code name=value} lines.
 *
 * <p>Arguments: Redis URL, disk cache directory, corpus directory, the address of
 * {@code Symbol:x} and of {@code Core.nothing} in this session.
 */
public final class FleetNode {
    static final String X = "Symbol:x";
    static final String NOTHING = "Core.nothing";
    /** The addresses the session that emitted the corpus file had (its runtime-values.json). */
    static final long CORPUS_X = 0x7f8ae79ab4cbL;
    static final long CORPUS_NOTHING = 0x7f8ae7225010L;

    private FleetNode() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path disk = Path.of(args[1]);
        Path corpus = Path.of(args[2]);
        long x = Long.decode(args[3]);
        long nothing = Long.decode(args[4]);
        RuntimeValues session = RuntimeValues.of(Map.of(X, x, NOTHING, nothing));
        try (RedisCacheStore remote = RedisCacheStore.fromUrl(url);
             Compiler compiler = Compiler.builder().standardCache(disk).cache(remote).build()) {
            CompileJob symbols = job(compiler, symbolCompare(corpus, x, nothing), session);
            CompileOutcome s = compiler.compile(symbols);
            report("symbols", s);
            try (CpuModule m = (CpuModule) compiler.load(s.artifact(), session)) {
                print("symbols.address_of_x", "0x" + Long.toHexString(m.callLong("address_of_x")));
                print("symbols.is_x(x)", m.callInt("is_x", x));
                print("symbols.is_x(nothing)", m.callInt("is_x", nothing));
                print("symbols.is_nothing(nothing)", m.callInt("is_nothing", nothing));
            }

            CompileOutcome saxpy = compiler.compile(job(compiler, ModuleSource.of(corpus.resolve("kernels/saxpy.cpu.ll")),
                    RuntimeValues.empty()));
            report("saxpy", saxpy);
            float[] xs = {1, 2, 3, 4, 5};
            float[] ys = {10, 20, 30, 40, 50};
            try (CpuModule m = (CpuModule) compiler.load(saxpy.artifact(), RuntimeValues.empty());
                 FloatPointer px = new FloatPointer(xs); FloatPointer py = new FloatPointer(ys)) {
                m.callVoid("saxpy", 2.0f, px, py, (long) xs.length);
                py.get(ys);
            }
            print("saxpy.y", java.util.Arrays.toString(ys));
            for (CacheStore tier : compiler.cacheTiers()) {
                var st = tier.stats();
                print("tier", st.tier() + " hits=" + st.hits() + " misses=" + st.misses() + " writes=" + st.writes()
                        + " entries=" + st.entries());
            }
        }
    }

    static CompileJob job(Compiler compiler, ModuleSource source, RuntimeValues values) {
        return CompileJob.builder(source, compiler.backend("cpu").defaultTarget()).runtimeValues(values).kernel(false)
                .build();
    }

    /**
     * corpus/runtime-globals/symbol-compare.ll as a front end in a session with these addresses
     * would emit it: the corpus session's addresses replaced by this one's.
     */
    static ModuleSource symbolCompare(Path corpus, long x, long nothing) throws java.io.IOException {
        String ir = java.nio.file.Files.readString(corpus.resolve("runtime-globals/symbol-compare.ll"));
        return ModuleSource.ofText("symbol-compare.ll", ir.replace(Long.toString(CORPUS_X), Long.toString(x))
                .replace(Long.toString(CORPUS_NOTHING), Long.toString(nothing)));
    }

    private static void report(String name, CompileOutcome o) {
        print(name + ".cache", o.cache().label());
        print(name + ".codegen", o.codegen());
        print(name + ".reason", o.cacheReason());
        print(name + ".strategy", o.strategy());
        print(name + ".stages", o.timings().stream().map(StageTiming::stage).collect(Collectors.joining(",")));
        print(name + ".warnings", String.join(" | ", o.warnings()));
    }

    private static void print(String name, Object value) {
        System.out.println(name + "=" + value);
    }

    /** The lines of a node's output as a map (the last value of a repeated name wins). */
    static Map<String, String> parse(List<String> lines) {
        return lines.stream().filter(l -> l.indexOf('=') > 0).collect(Collectors.toMap(
                l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1), (a, b) -> a + "\n" + b));
    }
}

package dev.gpuc.compiler;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.GpucException;
import dev.gpuc.api.Json;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.backend.cpu.CpuModule;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One session of the session story, run in its own JVM by {@link SessionStoryTest}. Prints one
 * JSON object: how the compilation went and what the kernel computed with this session's
 * addresses, or the error.
 *
 * <pre>
 * SessionMain DIR STRATEGY X NOTHING compile        emit with X/NOTHING, compile (or hit), load, run
 * SessionMain DIR STRATEGY X NOTHING load-key KEY   no IR: take KEY from the cache, load with only Symbol:x known
 * </pre>
 */
public final class SessionMain {
    private SessionMain() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        RelocationStrategy strategy = RelocationStrategy.valueOf(args[1]);
        SymbolCompareSession session = new SymbolCompareSession(Long.decode(args[2]), Long.decode(args[3]));
        Map<String, Object> report = new LinkedHashMap<>();
        int exit = 0;
        try (Compiler compiler = Compiler.builder().standardCache(dir).build()) {
            if (args[4].equals("compile")) {
                CompileOutcome o = compiler.compile(session.job(strategy));
                report.put("cache", o.cache().label());
                report.put("reason", o.cacheReason());
                report.put("codegen", o.codegen());
                report.put("key", o.key().hex());
                report.put("strategy", o.strategy().name());
                run(compiler, o.artifact(), session, report);
            } else {
                Artifact a = compiler.cached(new CacheKey(args[5])).orElseThrow(() -> new AssertionError("not cached"));
                report.put("cache", "hit");
                compiler.load(a, session.valuesWithoutNothing()).close();
                report.put("loaded", true);
            }
        } catch (GpucException e) {
            report.put("error", e.kind());
            report.put("message", e.getMessage());
            exit = 1;
        }
        System.out.println(Json.write(report));
        System.exit(exit);
    }

    private static void run(Compiler compiler, Artifact artifact, SymbolCompareSession s, Map<String, Object> report) {
        try (CpuModule m = (CpuModule) compiler.load(artifact, s.values())) {
            report.put("is_x(x)", (long) m.callInt("is_x", s.x()));
            report.put("is_x(nothing)", (long) m.callInt("is_x", s.nothing()));
            report.put("is_nothing(nothing)", (long) m.callInt("is_nothing", s.nothing()));
            report.put("is_nothing(x)", (long) m.callInt("is_nothing", s.x()));
            report.put("address_of_x", m.callLong("address_of_x"));
        }
    }
}

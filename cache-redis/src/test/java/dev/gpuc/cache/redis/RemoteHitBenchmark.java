package dev.gpuc.cache.redis;

import dev.gpuc.api.CompileJob;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.compiler.CacheStatus;
import dev.gpuc.compiler.CompileOutcome;
import dev.gpuc.compiler.Compiler;
import dev.gpuc.compiler.DiskCacheStore;
import dev.gpuc.compiler.MemoryCacheStore;
import dev.gpuc.passes.StageTiming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A remote hit against a cold compile, on loopback, for the corpus' CPU kernels. Each remote
 * hit is a new machine (empty memory tier, empty disk cache) asking a warm Redis; each cold
 * compile runs the whole pipeline with caching off. A hit still parses and extracts the module
 * (the key is the extracted module's hash), so the difference is optimisation and code
 * generation against a Redis round trip and a disk fill. The last row per kernel is the tier's
 * own read (GET and envelope check) alone. Not JMH: a plain main, for a quick answer;
 * {@code bench} owns the JMH suite.
 *
 * <pre>
 * mvn -B -q -pl cache-redis test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.gpuc.cache.redis.RemoteHitBenchmark -Dexec.args="50" -Dgpuc.corpus=corpus
 * </pre>
 */
public final class RemoteHitBenchmark {
    private RemoteHitBenchmark() {}

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path corpus = Path.of(System.getProperty("gpuc.corpus", "corpus"));
        Path scratch = Files.createTempDirectory("gpuc-bench-");
        try (RedisServer server = RedisServer.start();
             RedisCacheStore remote = RedisCacheStore.fromUrl(server.url());
             Compiler probe = Compiler.builder().build()) {
            Map<String, CompileJob> jobs = new LinkedHashMap<>();
            jobs.put("saxpy", FleetNode.job(probe, ModuleSource.of(corpus.resolve("kernels/saxpy.cpu.ll")),
                    RuntimeValues.empty()));
            jobs.put("symbol-compare", FleetNode.job(probe,
                    FleetNode.symbolCompare(corpus, FleetNode.CORPUS_X, FleetNode.CORPUS_NOTHING),
                    RuntimeValues.of(Map.of(FleetNode.X, FleetNode.CORPUS_X, FleetNode.NOTHING, FleetNode.CORPUS_NOTHING))));
            System.out.printf("%-16s %-11s %9s %9s %9s   %s%n", "kernel", "path", "p10 ms", "median", "p90 ms",
                    "stages of the last run (ms)");
            for (Map.Entry<String, CompileJob> job : jobs.entrySet()) {
                List<Double> cold = new ArrayList<>();
                List<Double> hit = new ArrayList<>();
                CompileOutcome lastCold = null;
                CompileOutcome lastHit = null;
                int warmup = Math.max(5, iterations / 5);
                for (int i = -warmup; i < iterations; i++) {
                    try (Compiler c = Compiler.builder().build()) {
                        lastCold = timed(c, job.getValue(), i >= 0 ? cold : null);
                    }
                    try (Compiler c = Compiler.builder().cache(new MemoryCacheStore())
                            .cache(DiskCacheStore.open(Files.createTempDirectory(scratch, "disk-"))).cache(remote).build()) {
                        lastHit = timed(c, job.getValue(), i >= 0 ? hit : null);
                    }
                    if (i >= 0 && lastHit.cache() != CacheStatus.HIT) {
                        throw new IllegalStateException("expected a remote hit, got " + lastHit.cacheReason());
                    }
                }
                row(job.getKey(), "cold", cold, lastCold);
                row(job.getKey(), "remote hit", hit, lastHit);
                List<Double> get = new ArrayList<>();
                for (int i = 0; i < iterations; i++) {
                    long start = System.nanoTime();
                    remote.get(lastHit.key().hex()).orElseThrow();
                    get.add((System.nanoTime() - start) / 1e6);
                }
                row(job.getKey(), "redis GET", get, null);
                System.out.printf("%-16s speed-up of the median: %.1fx%n", "", median(cold) / median(hit));
            }
        } finally {
            try (var files = Files.walk(scratch)) {
                for (Path p : (Iterable<Path>) files.sorted(Collections.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                System.err.println("could not remove " + scratch + ": " + e);
            }
        }
    }

    private static CompileOutcome timed(Compiler c, CompileJob job, List<Double> into) {
        long start = System.nanoTime();
        CompileOutcome o = c.compile(job);
        if (into != null) {
            into.add((System.nanoTime() - start) / 1e6);
        }
        return o;
    }

    private static void row(String kernel, String path, List<Double> ms, CompileOutcome last) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        StringBuilder stages = new StringBuilder();
        for (StageTiming t : last == null ? List.<StageTiming>of() : last.timings()) {
            stages.append(t.stage()).append(' ').append(String.format("%.2f", t.duration().toNanos() / 1e6)).append("  ");
        }
        System.out.printf("%-16s %-11s %9.2f %9.2f %9.2f   %s%n", kernel, path, percentile(sorted, 10), median(sorted),
                percentile(sorted, 90), stages.toString().strip());
    }

    private static double median(List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        return percentile(sorted, 50);
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.round(p / 100.0 * (sorted.size() - 1))));
    }
}

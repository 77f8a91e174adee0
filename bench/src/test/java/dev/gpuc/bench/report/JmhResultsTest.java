package dev.gpuc.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmhResultsTest {
    @Test
    void scoresAreNormalisedToMillisecondsPerOperation() {
        JmhResults r = new JmhFixture()
                .run("CacheBenchmark.cold", Map.of(), 250_000, 5_000.0, "us/op")
                .run("CacheBenchmark.memoryHit", Map.of(), 1.5, null, "s/op")
                .run("CacheBenchmark.diskHit", Map.of(), 40_000, null, "ns/op")
                .results();
        Measurement cold = r.find("CacheBenchmark.cold").orElseThrow();
        assertEquals(250, cold.millis(), 1e-9);
        assertEquals(5, cold.errorMillis(), 1e-9);
        assertEquals(1500, r.find("CacheBenchmark.memoryHit").orElseThrow().millis(), 1e-9);
        assertTrue(Double.isNaN(r.find("CacheBenchmark.memoryHit").orElseThrow().errorMillis()), "JMH's \"NaN\" error");
        assertEquals(0.04, r.find("CacheBenchmark.diskHit").orElseThrow().millis(), 1e-12);
    }

    @Test
    void findMatchesParametersAndValuesKeepRunOrder() {
        JmhResults r = new JmhFixture()
                .run("ToolkitOverheadBenchmark.compile", Map.of("kernel", "ptx/a", "side", "gpuc"), 2)
                .run("ToolkitOverheadBenchmark.compile", Map.of("kernel", "ptx/a", "side", "bare"), 1)
                .run("ToolkitOverheadBenchmark.compile", Map.of("kernel", "cpu/b", "side", "gpuc"), 4)
                .results();
        assertEquals(1, r.find("ToolkitOverheadBenchmark.compile", Map.of("kernel", "ptx/a", "side", "bare"))
                .orElseThrow().millis());
        assertEquals(List.of("ptx/a", "cpu/b"), r.values("ToolkitOverheadBenchmark.compile", "kernel"));
        assertTrue(r.find("ToolkitOverheadBenchmark.compile", Map.of("kernel", "cpu/b", "side", "bare")).isEmpty());
    }

    @Test
    void refusesWhatIsNotAJmhTimeResult() {
        assertThrows(IllegalArgumentException.class, () -> JmhResults.parse("{}"));
        assertThrows(IllegalArgumentException.class, () -> JmhResults.parse("[{\"benchmark\": \"x.Y.z\"}]"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JmhFixture().run("A.b", Map.of(), 3, null, "ops/ms").results());
        assertTrue(e.getMessage().contains("ops/ms"), e.getMessage());
    }
}

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
                .run("CacheBenchmark.cold", Map.of(), new double[] {240_000, 260_000}, "us/op")
                .run("CacheBenchmark.memoryHit", Map.of(), 1.5, "s/op")
                .run("CacheBenchmark.diskHit", Map.of(), 40_000, "ns/op")
                .results();
        Measurement cold = r.find("CacheBenchmark.cold").orElseThrow();
        assertEquals(250, cold.millis(), 1e-9);
        // t(0.975, 1 df) = 12.706; standard error 10 ms.
        assertEquals(127.06, cold.errorMillis(), 0.01);
        assertEquals(1500, r.find("CacheBenchmark.memoryHit").orElseThrow().millis(), 1e-9);
        assertTrue(Double.isNaN(r.find("CacheBenchmark.memoryHit").orElseThrow().errorMillis()), "one iteration, no interval");
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
        assertThrows(IllegalArgumentException.class, () -> JmhResults.parse(
                "[{\"benchmark\": \"x.Y.z\", \"primaryMetric\": {\"score\": 1, \"scoreUnit\": \"ms/op\"}}]"),
                "no rawData");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JmhFixture().run("A.b", Map.of(), 3, "ops/ms").results());
        assertTrue(e.getMessage().contains("ops/ms"), e.getMessage());
    }
}

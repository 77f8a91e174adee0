package dev.gpuc.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoalRowsTest {
    private static final String OVERHEAD = "ToolkitOverheadBenchmark.compile";

    /** Scaling modules here hold exactly their size parameter in instructions. */
    private static ScalingResults scaling(JmhResults jmh) {
        return new ScalingResults(jmh, size -> size);
    }

    private static GoalRows rows(JmhFixture f, List<CommandLineRun> cli, int cores) {
        JmhResults jmh = f.results();
        return new GoalRows(jmh, scaling(jmh), cli, cores);
    }

    @Test
    void overheadIsGpucOverBarePerKernel() {
        JmhFixture f = new JmhFixture()
                .run(OVERHEAD, Map.of("kernel", "ptx/a", "side", "gpuc"), 1.04)
                .run(OVERHEAD, Map.of("kernel", "ptx/a", "side", "bare"), 1.0)
                .run(OVERHEAD, Map.of("kernel", "cpu/b", "side", "gpuc"), 3.0)
                .run(OVERHEAD, Map.of("kernel", "cpu/b", "side", "bare"), 1.5)
                .run(OVERHEAD, Map.of("kernel", "amdgpu/c", "side", "gpuc"), 1.0);
        List<Row> rows = rows(f, List.of(), 2).overhead();
        assertEquals(3, rows.size());
        assertEquals("1.04", rows.get(0).measured());
        assertEquals(Verdict.PASS, rows.get(0).verdict());
        assertEquals("2.00", rows.get(1).measured());
        assertEquals(Verdict.MISS, rows.get(1).verdict());
        assertEquals(Verdict.NOT_MEASURED, rows.get(2).verdict());
        assertTrue(rows.get(2).measure().contains("amdgpu/c"), rows.get(2).measure());
    }

    @Test
    void cacheTiersAreFractionsOfTheColdCompile() {
        JmhFixture f = new JmhFixture()
                .run("CacheBenchmark.cold", Map.of(), 100_000, "us/op")
                .run("CacheBenchmark.diskHit", Map.of(), 500, "us/op")
                .run("CacheBenchmark.memoryHit", Map.of(), 500, "us/op")
                .run("CacheBenchmark.memoryHitByKey", Map.of(), 5, "us/op")
                .run("CacheBenchmark.diskHitAndLoad", Map.of(), 2000, "us/op");
        List<Row> rows = rows(f, List.of(), 2).cache();
        assertEquals(List.of("0.500 %", "0.500 %", "0.00500 %", "2.00 %"), rows.stream().map(Row::measured).toList());
        assertEquals(List.of(Verdict.PASS, Verdict.MISS, Verdict.PASS, Verdict.INFO),
                rows.stream().map(Row::verdict).toList());
    }

    @Test
    void scalingComparesPerInstructionTimesAndTheShareOfACompile() {
        JmhFixture f = new JmhFixture()
                .run("ExtractionScalingBenchmark.extract", Map.of("instructions", "1000"), 10.5)
                .run("ExtractionScalingBenchmark.extract", Map.of("instructions", "100"), 1.0)
                .run("ExtractionScalingBenchmark.extract", Map.of("instructions", "10000"), 120.0)
                .run("FullCompileScalingBenchmark.compile", Map.of("instructions", "100"), 100.0)
                .run("FullCompileScalingBenchmark.compile", Map.of("instructions", "1000"), 300.0);
        List<Row> rows = rows(f, List.of(), 2).extractionScaling();
        assertEquals(4, rows.size());
        assertTrue(rows.get(0).measure().contains("100 → 1000"), rows.get(0).measure());
        assertEquals("×10.5", rows.get(0).measured());
        assertEquals(Verdict.PASS, rows.get(0).verdict());
        assertEquals("×11.4", rows.get(1).measured());
        assertEquals(Verdict.MISS, rows.get(1).verdict());
        assertEquals("1.00 %", rows.get(2).measured());
        assertEquals(Verdict.PASS, rows.get(2).verdict());
        assertEquals("3.50 %", rows.get(3).measured());
        assertEquals(Verdict.MISS, rows.get(3).verdict());
    }

    @Test
    void parallelSpeedUpIsJudgedAgainstTheCores() {
        JmhFixture f = new JmhFixture()
                .run("ParallelThroughputBenchmark.compileAll", Map.of("threads", "1"), 100)
                .run("ParallelThroughputBenchmark.compileAll", Map.of("threads", "cores"), 30);
        Row four = rows(f, List.of(), 4).parallel().get(0);
        assertEquals("×3.33", four.measured());
        assertEquals("≥ ×3.60 (0.9 × 4 cores)", four.goalText());
        assertEquals(Verdict.MISS, four.verdict());
        assertEquals(Verdict.PASS, rows(f, List.of(), 2).parallel().get(0).verdict());
    }

    @Test
    void isolationAndCommandLine() {
        JmhFixture f = new JmhFixture()
                .run("IsolationOverheadBenchmark.compile", Map.of("kernel", "cpu/gen-2000", "mode", "in-process"), 10)
                .run("IsolationOverheadBenchmark.compile", Map.of("kernel", "cpu/gen-2000", "mode", "isolated"), 12);
        List<CommandLineRun> cli = List.of(new CommandLineRun(5, 2000, Double.NaN, 1000, Double.NaN),
                new CommandLineRun(20, 2400, 100, 3000, 150));
        GoalRows rows = rows(f, cli, 2);
        Row isolation = rows.isolation().get(0);
        assertEquals("1.20", isolation.measured());
        assertEquals(Verdict.PASS, isolation.verdict());
        List<Row> commandLine = rows.commandLine();
        assertEquals(Verdict.INFO, commandLine.get(0).verdict(), "N < 20 has no goal");
        assertEquals("2.00", commandLine.get(0).measured());
        assertEquals(Verdict.PASS, commandLine.get(1).verdict());
        assertEquals("0.800 ± 0.0521", commandLine.get(1).measured());
    }

    @Test
    void nothingMeasuredGivesOneNotMeasuredRowPerGoal() {
        List<Row> rows = new GoalRows(JmhResults.empty(), scaling(JmhResults.empty()), List.of(), 2).rows();
        for (int goal = 1; goal <= 6; goal++) {
            int g = goal;
            assertTrue(rows.stream().anyMatch(r -> r.goal() == g && r.verdict() == Verdict.NOT_MEASURED), "goal " + goal);
        }
        assertTrue(rows.stream().allMatch(r -> r.verdict() == Verdict.NOT_MEASURED || r.verdict() == Verdict.INFO
                || r.measured().startsWith("not measured")), rows.toString());
    }
}

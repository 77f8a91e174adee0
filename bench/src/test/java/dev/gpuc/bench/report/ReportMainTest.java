package dev.gpuc.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportMainTest {
    @TempDir
    Path dir;

    private static Document xml(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void writesTableChartsAndLinksFromTheRawFiles() throws Exception {
        Files.writeString(dir.resolve("jmh.json"), new JmhFixture()
                .run("CacheBenchmark.cold", Map.of(), 300)
                .run("CacheBenchmark.diskHit", Map.of(), 2)
                .run("CacheBenchmark.memoryHit", Map.of(), 0.01)
                .run("ExtractionScalingBenchmark.extract", Map.of("instructions", "100"), 1)
                .run("ExtractionScalingBenchmark.extract", Map.of("instructions", "1000"), 1)
                .json());
        Files.writeString(dir.resolve("cli.json"), CommandLineRun.toJson(List.of(new CommandLineRun(20, 1, 0.1, 2, Double.NaN))));
        Files.writeString(dir.resolve("equivalence.json"), Equivalence.toJson(List.of(
                new Equivalence("ptx/saxpy.ptx", true, 900, 900, stages(1.5, 2.25)),
                new Equivalence("cpu/x", false, 10, 12, stages(3, 40)))));

        Path report = ReportMain.write(dir, "-f 1", 2);

        String md = Files.readString(report);
        assertTrue(md.contains("| 2 | cache | disk hit + bind / cold compile | 0.667 % | ≤ 1 % | pass |"), md);
        assertTrue(md.contains("| 6 | command line | gpuc compile / llc loop, N = 20 files | 0.500 | < 1 (gpuc faster) | pass |"), md);
        assertTrue(md.contains("| case | identical output | parse | extract |"), md);
        assertTrue(md.contains("| ptx/saxpy.ptx | yes (900 bytes) | 1.50 | 2.25 |"), md);
        assertTrue(md.contains("| cpu/x | **no** (10 vs 12 bytes) | 3.00 | 40.0 |"), md);
        assertTrue(md.contains("![cache.svg](cache.svg)") && md.contains("![scaling.svg](scaling.svg)"), md);
        assertTrue(md.contains("[jmh.json](jmh.json)") && md.contains("[cli.json](cli.json)"), md);
        assertTrue(md.contains("JMH settings: -f 1."), md);

        Document cache = xml(Files.readString(dir.resolve("cache.svg")));
        assertEquals(3 + 1, cache.getElementsByTagName("rect").getLength(), "background and one bar per cache variant that ran");
        Document scaling = xml(Files.readString(dir.resolve("scaling.svg")));
        assertEquals(1, scaling.getElementsByTagName("polyline").getLength(), "extraction only: no full compile ran");
        assertEquals(2, scaling.getElementsByTagName("circle").getLength());
    }

    @Test
    void withoutResultsEveryGoalIsNotMeasuredAndNoChartIsDrawn() throws Exception {
        String md = Files.readString(ReportMain.write(dir, "-f 1", 2));
        assertTrue(md.contains("Goals met: 0 of 6; missed: 0; not measured: 6."), md);
        assertFalse(Files.exists(dir.resolve("cache.svg")));
        assertFalse(md.contains("## Charts"));
    }

    @Test
    void summaryCountsAGoalMissedWhenAnyOfItsRowsMisses() {
        List<Row> rows = List.of(
                new Row(1, "a", "x", "1", "g", Verdict.PASS),
                new Row(1, "a", "y", "2", "g", Verdict.MISS),
                new Row(2, "b", "x", "1", "g", Verdict.PASS),
                new Row(2, "b", "y", "1", "—", Verdict.INFO),
                new Row(3, "c", "x", "?", "g", Verdict.NOT_MEASURED),
                new Row(3, "c", "y", "1", "g", Verdict.PASS));
        assertEquals("Goals met: 1 of 3; missed: 1; not measured: 1.", MarkdownReport.summary(rows));
    }

    @Test
    void tableCellsCannotBreakTheTable() {
        String table = MarkdownReport.table(List.of(new Row(1, "a|b", "x\ny", "1", "g", Verdict.PASS)));
        assertTrue(table.contains("| a\\|b | x y |"), table);
    }

    @Test
    void rawFilesRoundTrip() {
        List<CommandLineRun> runs = List.of(new CommandLineRun(5, 1.5, Double.NaN, 2.5, 0.25));
        List<CommandLineRun> back = CommandLineRun.parse(CommandLineRun.toJson(runs));
        assertEquals(5, back.get(0).files());
        assertTrue(Double.isNaN(back.get(0).gpucErrorMillis()));
        assertEquals(0.25, back.get(0).llcErrorMillis());
        List<Equivalence> checks = List.of(new Equivalence("spirv/v", true, 3, 3, stages(0.5, 7)));
        assertEquals(checks, Equivalence.parse(Equivalence.toJson(checks)));
    }

    private static Map<String, Double> stages(double parse, double extract) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("parse", parse);
        m.put("extract", extract);
        return m;
    }

    @Test
    void svgTextIsEscaped() throws Exception {
        String svg = SvgChart.bars("a < b & \"c\"", "µs", List.of(new SvgChart.Bar("x<y", 5)));
        assertEquals("a < b & \"c\"", xml(svg).getElementsByTagName("text").item(0).getTextContent());
    }
}

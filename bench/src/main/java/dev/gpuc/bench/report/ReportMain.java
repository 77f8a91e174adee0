package dev.gpuc.bench.report;

import dev.gpuc.bench.GeneratedKernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code report.md}, {@code cache.svg} and {@code scaling.svg} into a directory holding
 * the raw results: {@code jmh.json} (JMH), {@code cli.json} (command line) and
 * {@code equivalence.json} (overhead check); any of them may be missing, and then its rows say
 * "not measured". Usage: {@code ReportMain DIR [JMH-SETTINGS]}.
 */
public final class ReportMain {
    private ReportMain() {}

    static final String JMH = "jmh.json";
    static final String CLI = "cli.json";
    static final String EQUIVALENCE = "equivalence.json";

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ReportMain DIR [JMH-SETTINGS]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        String settings = args.length == 2 ? args[1] : "see jmh.json";
        Path report = write(dir, settings, Runtime.getRuntime().availableProcessors());
        System.out.println("wrote " + report);
    }

    /** Writes the report and its charts into {@code dir}; returns the report's path. */
    static Path write(Path dir, String settings, int cores) throws IOException {
        JmhResults jmh = read(dir.resolve(JMH)).map(JmhResults::parse).orElse(JmhResults.empty());
        List<CommandLineRun> cli = read(dir.resolve(CLI)).map(CommandLineRun::parse).orElse(List.of());
        List<Equivalence> equivalence = read(dir.resolve(EQUIVALENCE)).map(Equivalence::parse).orElse(List.of());
        ScalingResults scaling = new ScalingResults(jmh, ReportMain::moduleInstructions);
        List<Row> rows = new GoalRows(jmh, scaling, cli, cores).rows();
        List<String> charts = new ArrayList<>();
        Optional<String> cache = Charts.cache(jmh);
        if (cache.isPresent()) {
            Files.writeString(dir.resolve("cache.svg"), cache.get());
            charts.add("cache.svg");
        }
        Optional<String> scalingChart = Charts.scaling(scaling);
        if (scalingChart.isPresent()) {
            Files.writeString(dir.resolve("scaling.svg"), scalingChart.get());
            charts.add("scaling.svg");
        }
        Map<String, String> raw = new LinkedHashMap<>();
        if (Files.exists(dir.resolve(JMH))) {
            raw.put(JMH, "JMH's JSON results (benchmarks 1–5)");
        }
        if (Files.exists(dir.resolve(CLI))) {
            raw.put(CLI, "command-line benchmark (6): mean milliseconds per run and confidence half-widths");
        }
        if (Files.exists(dir.resolve(EQUIVALENCE))) {
            raw.put(EQUIVALENCE, "toolkit-overhead output comparison");
        }
        Path report = dir.resolve("report.md");
        Files.writeString(report, MarkdownReport.render(environment(settings, cores), rows, equivalence, charts, raw));
        return report;
    }

    private static List<String> environment(String settings, int cores) {
        List<String> lines = new ArrayList<>();
        lines.add("Run finished " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " on " + cores
                + " cores (" + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "), Java "
                + System.getProperty("java.version") + ".");
        loadAverage().ifPresent(l -> lines.add("Load average when the report was written (1, 5, 15 min): " + l + "."));
        lines.add("JMH settings: " + settings + ".");
        return lines;
    }

    /** Linux's load average: a crowded machine explains noisy ratios. */
    private static Optional<String> loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return Optional.of(parts[0] + ", " + parts[1] + ", " + parts[2]);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Both scaling benchmarks process one generated host module of the size parameter per operation. */
    private static long moduleInstructions(int size) {
        return GeneratedKernel.ofSize(size, 0, 1).instructions();
    }

    private static Optional<String> read(Path file) throws IOException {
        return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    }
}

package dev.gpuc.cli;

import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "inspect", description = "Show an artifact's target, strategy and relocation table. FILE is a gpuc "
        + "artifact, a cache entry, a sidecar (OUT.gpuc.json) or a payload written with -o next to its sidecar.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--json", description = "Machine-readable output (the artifact header).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Map<?, ?> header = header();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(header));
        } else {
            print(out, header);
        }
        return ExitCode.OK;
    }

    private Map<?, ?> header() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new Failures.Usage("no such file: " + file);
        }
        return StoredArtifacts.header(file).orElseThrow(() -> new Failures.BadInput("not-an-artifact", file
                + ": not a gpuc artifact, cache entry or sidecar, and no " + StoredArtifacts.sidecarOf(file).getFileName()
                + " next to it"));
    }

    private void print(PrintWriter out, Map<?, ?> h) {
        Map<?, ?> p = (Map<?, ?>) h.get("provenance");
        out.printf("file        %s%n", file);
        out.printf("target      %s%n", p.get("target"));
        out.printf("backend     %s %s (gpuc %s, LLVM %s)%n", p.get("backend"), p.get("backendVersion"), p.get("gpuc"), p.get("llvm"));
        out.printf("strategy    %s%s%n", h.get("strategy"), Boolean.TRUE.equals(h.get("portable")) ? ""
                : " (not portable: holds host addresses no runtime value accounts for)");
        out.printf("entries     %s%n", ((List<?>) h.get("entryPoints")).stream()
                .map(o -> (Map<?, ?>) o)
                .map(e -> e.get("name") + (e.get("name").equals(e.get("symbol")) ? "" : " -> " + e.get("symbol"))
                        + (Boolean.TRUE.equals(e.get("kernel")) ? " (kernel)" : ""))
                .collect(Collectors.joining(", ")));
        for (Object o : (List<?>) h.get("payloads")) {
            Map<?, ?> pl = (Map<?, ?>) o;
            out.printf("payload     %s, %s bytes, sha256 %s%n", pl.get("kind"), pl.get("size"), pl.get("sha256"));
        }
        List<?> slots = (List<?>) h.get("relocations");
        if (slots.isEmpty()) {
            out.println("relocations none");
            return;
        }
        int nameWidth = width(slots, "name", "slot");
        int keyWidth = width(slots, "key", "key");
        String row = "  %-" + nameWidth + "s  %-" + keyWidth + "s  %-18s  %4s  %2s%n";
        out.printf("relocations %d%n", slots.size());
        out.printf(row, "slot", "key", "compile-time value", "size", "as");
        for (Object o : slots) {
            Map<?, ?> s = (Map<?, ?>) o;
            out.printf(row, s.get("name"), s.get("key"), s.get("compileTimeValue"), s.get("size"), s.get("addressSpace"));
        }
    }

    private static int width(List<?> rows, String field, String title) {
        return Math.max(title.length(), rows.stream().mapToInt(o -> String.valueOf(((Map<?, ?>) o).get(field)).length())
                .max().orElse(0));
    }
}

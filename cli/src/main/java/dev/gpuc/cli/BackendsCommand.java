package dev.gpuc.cli;

import dev.gpuc.api.Availability;
import dev.gpuc.api.Backend;
import dev.gpuc.api.Backends;
import dev.gpuc.api.Json;
import dev.gpuc.api.RelocationStrategy;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "backends", description = "The installed backends: availability (and why not), relocation strategies.")
final class BackendsCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Backend b : Backends.discover().all()) {
            Availability a = b.availability();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", b.id());
            m.put("available", a.available());
            m.put("reason", a.reason());
            m.put("version", b.version());
            m.put("strategies", b.supportedStrategies().stream().sorted().map(RelocationStrategy::name).toList());
            m.put("preferred", b.preferredStrategy().name());
            m.put("defaultTarget", b.defaultTarget().describe());
            m.put("loader", b.loader().map(l -> l.availability().available() ? "available"
                    : "unavailable: " + l.availability().reason()).orElse("none"));
            rows.add(m);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(rows));
            return ExitCode.OK;
        }
        for (Map<String, Object> m : rows) {
            out.printf("%-8s %s%n", m.get("id"), (Boolean) m.get("available") ? "available" : "unavailable: " + m.get("reason"));
            out.printf("         strategies %s (preferred %s)%n",
                    ((List<?>) m.get("strategies")).stream().map(Object::toString).collect(Collectors.joining(", ")),
                    m.get("preferred"));
            out.printf("         target     %s%n", m.get("defaultTarget"));
            out.printf("         version    %s; loader %s%n", m.get("version"), m.get("loader"));
        }
        return ExitCode.OK;
    }
}

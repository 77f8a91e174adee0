package dev.gpuc.cli;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.Backends;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.EntryPoint;
import dev.gpuc.api.Json;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.backend.cpu.CpuBackend;
import dev.gpuc.backend.cpu.CpuModule;
import dev.gpuc.backend.cpu.Scalar;
import dev.gpuc.compiler.CompileOutcome;
import dev.gpuc.compiler.Compiler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", sortOptions = false,
        description = "Host only: compile INPUT (or take it from the cache), bind its runtime globals to this "
                + "session's values, call a function, and print the result alone on the last line (integers in "
                + "decimal). INPUT may also be an artifact gpuc wrote: a -o output next to its sidecar, or a cache entry.")
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "INPUT")
    Path input;

    @Option(names = "--function", required = true, paramLabel = "NAME", description = "The function to call.")
    String function;

    @Option(names = "--arg", paramLabel = "TYPE:VALUE", description = "An argument, in order (repeatable): i64:N, i32:N, f64:X, f32:X or ptr:0xADDR.")
    List<String> arguments = new ArrayList<>();

    @Mixin
    CompilerOptions options;

    @Option(names = "--json", description = "Print the result with the cache status, strategy and timings as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RelocationStrategy strategy = options.relocation();
        if (strategy == RelocationStrategy.TABLE) {
            throw new Failures.Usage("gpuc run applies bake, patch or import; TABLE is for kernels launched by a GPU runtime");
        }
        Object[] args = arguments.stream().map(RunArgument::parse).toArray();
        RuntimeValues values = options.runtimeValues();
        if (!Files.isRegularFile(input)) {
            throw new Failures.Usage("input " + input + " does not exist or is not a file");
        }
        Backends backends = Backends.discover();
        try (CompilerOptions.Session session = options.open(backends, b -> { })) {
            Compiler compiler = session.compiler();
            Optional<Artifact> stored = StoredArtifacts.read(input);
            CompileOutcome outcome = null;
            Artifact artifact;
            if (stored.isPresent()) {
                artifact = stored.get();
            } else {
                CompileJob job = CompileJob.builder(Inputs.source(input), CompileCommand.backend(backends, CpuBackend.ID).defaultTarget())
                        .entryPoint(function).kernel(false).runtimeValues(values).relocation(strategy).build();
                try {
                    outcome = compiler.compile(job);
                } catch (RuntimeException e) {
                    throw Failures.entryPointAsUsage(e);
                }
                artifact = outcome.artifact();
            }
            if (!CpuBackend.ID.equals(artifact.provenance().backend())) {
                throw new Failures.Usage("gpuc run runs host code; " + input + " was compiled for '"
                        + artifact.provenance().backend() + "'");
            }
            if (artifact.entryPoint(function).isEmpty()) {
                throw new Failures.Usage("no function '" + function + "' in " + input + " (entry points: "
                        + artifact.entryPoints().stream().map(EntryPoint::name).collect(Collectors.joining(", ")) + ")");
            }
            long loadStart = System.nanoTime();
            try (CpuModule module = (CpuModule) compiler.load(artifact, values)) {
                long loaded = System.nanoTime();
                Object result;
                try {
                    result = module.call(function, args);
                } catch (IllegalArgumentException e) {
                    throw new Failures.Usage(e.getMessage());
                }
                long called = System.nanoTime();
                String printed = RunArgument.format(result,
                        module.signature(function).result().kind() == Scalar.Kind.POINTER);
                print(outcome, artifact, printed, loaded - loadStart, called - loaded);
            }
        }
        return ExitCode.OK;
    }

    private void print(CompileOutcome outcome, Artifact artifact, String result, long loadNanos, long callNanos) {
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.println(result);
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (outcome != null) {
            m.putAll(Reports.json(outcome, List.of()));
            m.remove("outputs");
        } else {
            m.put("input", input.toString());
            m.put("ok", true);
            m.put("strategy", artifact.strategy().name());
            m.put("cache", "bypass");
            m.put("cacheReason", "INPUT is an artifact; nothing was compiled");
            m.put("codegen", false);
        }
        m.put("function", function);
        m.put("loadMs", Reports.millis(loadNanos));
        m.put("callMs", Reports.millis(callNanos));
        m.put("result", result);
        out.println(Json.write(m));
    }
}

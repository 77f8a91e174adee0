package dev.gpuc.cli;

import dev.gpuc.api.Backend;
import dev.gpuc.api.BackendLookup;
import dev.gpuc.api.Backends;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.Json;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.Target;
import dev.gpuc.compiler.CompileOutcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compile", sortOptions = false,
        description = "Compile LLVM IR (text or bitcode) for a target. Without -o or --out-dir, each output goes "
                + "to the current directory, named after its input.")
final class CompileCommand implements Callable<Integer> {
    @Parameters(paramLabel = "INPUT", arity = "1..*", description = "LLVM IR files (.ll or .bc).")
    List<Path> inputs;

    @Option(names = "--target", required = true, paramLabel = "ID", description = "Backend: ptx, amdgpu, cpu, spirv, or any installed one.")
    String target;

    @Option(names = "--arch", paramLabel = "NAME", description = "Architecture, such as sm_90, gfx90a, x86-64.")
    String arch;

    @Option(names = "--features", paramLabel = "STR", description = "LLVM feature string, such as +ptx80.")
    String features;

    @Option(names = "--entry", paramLabel = "NAME", description = "An entry point (repeatable). Default: the kernels, "
            + "else every externally visible definition.")
    List<String> entries = new ArrayList<>();

    @Option(names = "-O", paramLabel = "LEVEL", description = "Optimisation level -O0 to -O3 (default -O2).")
    int optLevel = 2;

    @Option(names = "--emit", paramLabel = "KIND", description = "asm, obj or llvm (default: the target's primary output).")
    String emit;

    @ArgGroup(exclusive = true)
    Outputs.Where output;

    @Option(names = "--link", paramLabel = "LIB.bc", description = "A library linked in before compiling (repeatable).")
    List<Path> libraries = new ArrayList<>();

    @Mixin
    CompilerOptions options;

    @Mixin
    IsolationOptions isolation;

    @Option(names = "-j", paramLabel = "N", description = "Compile N inputs at a time (default: the number of cores).")
    Integer jobs;

    @Option(names = "--json", description = "Print results as JSON: cache hit/miss/bypass and why, strategy, timings.")
    boolean json;

    @Option(names = "--time-report", description = "Print each input's stage timings to stderr.")
    boolean timeReport;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        validate();
        Backends backends = Backends.discover();
        Backend backend = backend(backends, target);
        Target t = backend.target(arch, features, Map.of());
        RuntimeValues values = options.runtimeValues();
        RelocationStrategy strategy = options.relocation();
        List<ModuleSource> libs = libraries.stream().map(Inputs::source).toList();
        List<CompileJob> jobList = new ArrayList<>();
        for (Path input : inputs) {
            // Entry points are kernels where the target has kernels; on the host they are plain functions.
            CompileJob.Builder b = CompileJob.builder(Inputs.source(input), t).optLevel(optLevel).entryPoints(entries)
                    .kernel(backend.kernelCallingConvention().isPresent()).runtimeValues(values).relocation(strategy);
            libs.forEach(b::library);
            jobList.add(b.build());
        }
        int parallel = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        PrintWriter err = spec.commandLine().getErr();
        List<Report> reports = new ArrayList<>();
        try (CompilerOptions.Session session = options.open(backends, b -> {
                 b.parallelism(parallel);
                 isolation.apply(b, parallel);
             });
             Progress progress = Progress.start(err, inputs.size(), !json)) {
            List<CompletableFuture<CompileOutcome>> futures = new ArrayList<>();
            for (CompileJob job : jobList) {
                futures.add(session.compiler().compileAsync(job).whenComplete((o, e) -> progress.step(job.source().name())));
            }
            for (int i = 0; i < futures.size(); i++) {
                reports.add(report(inputs.get(i), futures.get(i)));
            }
        }
        int exit = ExitCode.OK;
        for (Report r : reports) {
            if (r.error() != null) {
                exit = Math.max(exit, Failures.report(err, r.input().toString(), r.error()));
            } else if (timeReport) {
                err.print(Reports.timeReport(r.outcome()));
            }
        }
        if (json) {
            spec.commandLine().getOut().println(Json.write(reports.stream().map(Report::json).toList()));
        }
        return exit;
    }

    private void validate() {
        if (optLevel < 0 || optLevel > 3) {
            throw new Failures.Usage("-O takes 0, 1, 2 or 3, not " + optLevel);
        }
        if (output != null && output.file != null && inputs.size() > 1) {
            throw new Failures.Usage("-o names one output; use --out-dir for " + inputs.size() + " inputs");
        }
        if (jobs != null && jobs < 1) {
            throw new Failures.Usage("-j takes a positive number, not " + jobs);
        }
        Outputs.kind(emit);
        isolation.policy();
    }

    /** The usable backend; an id nobody installed is a usage error, an unavailable one a compilation error. */
    static Backend backend(Backends backends, String id) {
        BackendLookup lookup = backends.lookup(id);
        if (lookup instanceof BackendLookup.NotInstalled n) {
            throw new Failures.Usage("unknown target '" + id + "' (installed: " + String.join(", ", n.installed()) + ")");
        }
        return lookup.orThrow();
    }

    /** One input's outcome or failure, and the files written for it. */
    private record Report(Path input, CompileOutcome outcome, List<Path> written, RuntimeException error) {
        Map<String, Object> json() {
            return error == null ? Reports.json(outcome, written) : Reports.errorJson(input.toString(), error);
        }
    }

    private Report report(Path input, CompletableFuture<CompileOutcome> future) {
        try {
            CompileOutcome o = future.join();
            return new Report(input, o, Outputs.write(o.artifact(), input, output, emit), null);
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            return new Report(input, null, List.of(), Failures.entryPointAsUsage((RuntimeException) e.getCause()));
        } catch (RuntimeException e) {
            return new Report(input, null, List.of(), Failures.entryPointAsUsage(e));
        }
    }
}

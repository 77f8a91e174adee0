package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.Backend;
import dev.gpuc.api.BackendFailure;
import dev.gpuc.api.CompilationContext;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.DebugInfo;
import dev.gpuc.api.EntryPoint;
import dev.gpuc.api.Gpuc;
import dev.gpuc.api.InvalidInputIr;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.Payload;
import dev.gpuc.api.Provenance;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RelocationTable;
import dev.gpuc.api.Slot;
import dev.gpuc.api.Target;
import dev.gpuc.api.UnsupportedFeature;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Llvm;
import dev.gpuc.ir.LlvmException;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.ParseException;
import dev.gpuc.ir.TargetMachine;
import dev.gpuc.ir.TargetMachinePool;
import dev.gpuc.ir.TargetMachineSpec;
import dev.gpuc.ir.VerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one in-process compilation pipeline, read top to bottom as it runs:
 * <ol>
 * <li>{@link #start}: parse (bad IR → {@link InvalidInputIr} with line and column), verify,
 *     configure triple and data layout from {@code backend.machine(target, opt)}, link
 *     libraries, extract runtime globals, choose the relocation strategy (the job's if the
 *     backend supports it, else the backend's preferred; BAKE when the module is not portable),
 *     select entry points, validate.</li>
 * <li>{@link Compilation#keyMaterial()}: what the compiler hashes into the cache key.</li>
 * <li>{@link Compilation#finish()}: kernel marking, relocation lowering, {@code backend.prepare},
 *     optimisation (standard pipeline + the backend's extra), {@code backend.finish},
 *     {@code backend.emit} → {@link Artifact}.</li>
 * </ol>
 * A compilation owns its LLVM context and target machine, so compilations run in parallel on
 * different threads. LLVM errors after parsing become {@link BackendFailure}s.
 */
public final class CodegenPipeline {
    private CodegenPipeline() {}

    /** Whether a backend class overrides {@link Backend#finish}, the only Java hook between optimisation and emission. */
    private static final ClassValue<Boolean> OVERRIDES_FINISH = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("finish", Module.class, CompilationContext.class).getDeclaringClass() != Backend.class;
            } catch (NoSuchMethodException e) {
                return true;
            }
        }
    };

    /** Fixed module identity, so that where the IR came from never reaches the key or the output. */
    static final String MODULE_ID = "gpuc";

    public static Compilation start(CompileJob job, Backend backend) {
        return start(job, backend, InstrumentationOptions.OFF);
    }

    public static Compilation start(CompileJob job, Backend backend, InstrumentationOptions options) {
        Stages stages = new Stages();
        Context context = Context.create();
        TargetMachine machine = null;
        try {
            Target target = job.target();
            Module module = stages.time("parse", () -> parse(context, job.source()));
            TargetMachineSpec spec = backend.machine(target, job.optLevel());
            machine = llvm(backend, "target machine", () -> TargetMachinePool.SHARED.take(spec));
            TargetMachine tm = machine;
            stages.time("link", () -> {
                tm.configure(module);
                for (ModuleSource lib : job.libraries()) {
                    LibraryLinker.link(module, parse(context, lib), lib.name(), backend.normalisedModuleFlags());
                }
                normaliseIdentity(module, job.debugInfo());
            });
            List<ModuleSource> sources = new ArrayList<>(job.libraries());
            sources.add(job.source());
            ExtractionResult extraction = stages.time("extract", () -> llvm(backend, "runtime-global extraction",
                    () -> new RuntimeGlobalExtraction(job.runtimeValues(), backend.globalAddressSpace())
                            .extract(module, sources)));
            RelocationStrategy strategy = chooseStrategy(job, backend, extraction);
            List<String> entryPoints = EntryPoints.select(module, job, backend.kernelCallingConvention());
            if (job.validate()) {
                stages.time("validate", () -> new Validator(backend.validationRules(target), job.allowedExternals())
                        .forSources(sources).check(module, entryPoints, target.describe()));
            }
            return new Compilation(job, backend, context, module, machine, extraction, strategy, entryPoints,
                    new PassInstrumentation(options), stages);
        } catch (RuntimeException | Error e) {
            if (machine != null) {
                TargetMachinePool.SHARED.giveBack(machine); // no code was generated with it
            }
            context.close();
            throw e;
        }
    }

    private static Module parse(Context context, ModuleSource source) {
        Module module;
        try {
            module = context.parse(source.bytesUnsafe(), source.name());
        } catch (ParseException e) {
            throw new InvalidInputIr(source.name(), e.line().orElse(0), e.column().orElse(0), e.getMessage(), e);
        }
        try {
            module.verify();
        } catch (VerificationException e) {
            throw new InvalidInputIr(source.name(), 0, 0, source.name() + " fails LLVM's verifier: " + e.getMessage(), e);
        }
        return module;
    }

    /** The module's identifier and source file name are where it came from: fixed, so keys agree. */
    private static void normaliseIdentity(Module module, DebugInfo debugInfo) {
        LLVMSetModuleIdentifier(module.unwrap(), MODULE_ID, MODULE_ID.length());
        LLVMSetSourceFileName(module.unwrap(), MODULE_ID, MODULE_ID.length());
        if (debugInfo == DebugInfo.NONE) {
            LLVMStripModuleDebugInfo(module.unwrap());
        }
    }

    private static RelocationStrategy chooseStrategy(CompileJob job, Backend backend, ExtractionResult extraction) {
        RelocationStrategy chosen = backend.preferredStrategy();
        if (job.relocation().isPresent()) {
            chosen = job.relocation().get();
            if (!backend.supportedStrategies().contains(chosen)) {
                throw new UnsupportedFeature("backend " + backend.id() + " cannot apply relocation strategy " + chosen
                        + "; it supports " + backend.supportedStrategies());
            }
        }
        // A module that still holds unattributed addresses is only valid in this session anyway.
        return extraction.portable() ? chosen : RelocationStrategy.BAKE;
    }

    /** Runs LLVM work, turning LLVM's errors into the backend's failure. */
    static <T> T llvm(Backend backend, String what, Supplier<T> body) {
        try {
            return body.get();
        } catch (LlvmException e) {
            throw new BackendFailure(backend.id(), what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * One compilation in progress, in this process; owns the context, module and target machine.
     * Besides {@link StartedCompilation} it offers what only an in-process compilation has: the
     * backend, the module, the target machine and the pipeline object.
     */
    public static final class Compilation implements StartedCompilation {
        private final CompileJob job;
        private final Backend backend;
        private final Context context;
        private final Module module;
        private final TargetMachine machine;
        private final ExtractionResult extraction;
        private final RelocationStrategy strategy;
        private final List<String> entryPoints;
        private final PassInstrumentation instrumentation;
        private final Stages stages;
        private byte[] keyMaterial;
        private boolean finished;
        /** Whether the target machine may serve another compilation: not after one failed in it. */
        private boolean machineReusable = true;
        private boolean closed;

        private Compilation(CompileJob job, Backend backend, Context context, Module module, TargetMachine machine,
                            ExtractionResult extraction, RelocationStrategy strategy, List<String> entryPoints,
                            PassInstrumentation instrumentation, Stages stages) {
            this.job = job;
            this.backend = backend;
            this.context = context;
            this.module = module;
            this.machine = machine;
            this.extraction = extraction;
            this.strategy = strategy;
            this.entryPoints = entryPoints;
            this.instrumentation = instrumentation;
            this.stages = stages;
        }

        @Override
        public CompileJob job() {
            return job;
        }

        public Backend backend() {
            return backend;
        }

        @Override
        public String backendId() {
            return backend.id();
        }

        @Override
        public String backendVersion() {
            return backend.version();
        }

        /** The module as it stands: extracted after {@code start}, as code generation left it after {@link #finish}. */
        public Module module() {
            return module;
        }

        public TargetMachine machine() {
            return machine;
        }

        @Override
        public ExtractionResult extraction() {
            return extraction;
        }

        @Override
        public RelocationStrategy strategy() {
            return strategy;
        }

        @Override
        public List<String> entryPoints() {
            return entryPoints;
        }

        /** The optimisation pipeline {@link #finish} runs: standard, then the backend's extra. */
        public Pipeline optimizationPipeline() {
            return StandardPipelines.optimization(job.optLevel(), machine,
                    backend.postOptimizationPipeline(job.target(), job.optLevel()));
        }

        @Override
        public String pipelineDescription() {
            return optimizationPipeline().toString();
        }

        @Override
        public List<StageTiming> stageTimings() {
            return stages.timings();
        }

        /**
         * Canonical bytes for the cache key: the extracted module's bitcode (identical for
         * identical modules in any session and thread), strategy, target, machine, pipeline
         * and options. Available until {@link #finish} changes the module.
         */
        @Override
        public byte[] keyMaterial() {
            if (keyMaterial == null) {
                if (finished) {
                    throw new IllegalStateException("key material must be taken before finish()");
                }
                keyMaterial = KeyMaterial.of(job, machine.spec().toString(), pipelineDescription(), strategy,
                        extraction.portable(), entryPoints, extraction.table(), module.bitcode());
            }
            return keyMaterial.clone();
        }

        /** Runs the rest of the pipeline; once. */
        @Override
        public CompileResult finish() {
            if (finished) {
                throw new IllegalStateException("compilation already finished");
            }
            finished = true;
            machineReusable = false;
            CompileResult result = run();
            machineReusable = true;
            return result;
        }

        private CompileResult run() {
            Target target = job.target();
            RelocationTable table = stages.time("mark", () -> llvm(backend, "kernel marking", () -> {
                KernelMarking.apply(module, entryPoints,
                        job.kernel() ? backend.kernelCallingConvention() : java.util.OptionalInt.empty(),
                        extraction.table().slots().stream().map(Slot::name).toList());
                return present(extraction.table());
            }));
            stages.time("lower", () -> RelocationLowering.lower(module, table, strategy, entryPoints,
                    backend.globalAddressSpace()));
            CompilationContext ctx = new CompilationContext(job, target, strategy, table, entryPoints, machine);
            stages.time("prepare", () -> {
                llvm(backend, "prepare", () -> {
                    backend.prepare(module, ctx);
                    return null;
                });
                verifyAfter("prepare");
            });
            Pipeline pipeline = optimizationPipeline();
            stages.time("optimize", () -> llvm(backend, "optimisation (" + pipeline + ")",
                    () -> pipeline.run(module, instrumentation)));
            stages.time("finish", () -> {
                llvm(backend, "finish", () -> {
                    backend.finish(module, ctx);
                    return null;
                });
                // Between the check after prepare and here only LLVM's passes ran, unless finish did something.
                if (OVERRIDES_FINISH.get(backend.getClass())) {
                    verifyAfter("finish");
                }
            });
            List<Payload> payloads = stages.time("emit", () -> llvm(backend, "code generation",
                    () -> backend.emit(module, ctx)));
            List<EntryPoint> entries = entryPoints.stream()
                    .map(name -> new EntryPoint(name, backend.symbolFor(name), job.kernel())).toList();
            Provenance provenance = new Provenance(Gpuc.version(), Llvm.version(), backend.id(), backend.version(),
                    target.describe());
            Artifact artifact = new Artifact(payloads, entries, table, strategy, extraction.portable(), provenance);
            Optional<TimingReport> report = instrumentation.options().timePasses()
                    ? Optional.of(instrumentation.report()) : Optional.empty();
            return new CompileResult(artifact, stages.timings(), report);
        }

        /** LLVM's code generator does not verify its input, and broken IR can crash it. */
        private void verifyAfter(String hook) {
            module.verificationError().ifPresent(error -> {
                throw new BackendFailure(backend.id(), "module is broken after " + backend.id() + "." + hook + ": " + error);
            });
        }

        /** The slots the module still has after dead code was dropped, in table order. */
        private RelocationTable present(RelocationTable table) {
            return new RelocationTable(table.slots().stream().filter(s -> module.global(s.name()).isPresent()).toList());
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (machineReusable) {
                TargetMachinePool.SHARED.giveBack(machine);
            } else {
                machine.close();
            }
            context.close();
        }
    }
}

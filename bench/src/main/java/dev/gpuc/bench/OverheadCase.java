package dev.gpuc.bench;

import dev.gpuc.api.Backend;
import dev.gpuc.api.CompileJob;
import dev.gpuc.ir.TargetMachineSpec;
import dev.gpuc.passes.CodegenPipeline;
import dev.gpuc.passes.CompileResult;
import dev.gpuc.passes.LlvmPipeline;
import dev.gpuc.passes.Pass;
import dev.gpuc.passes.Pipeline;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One kernel on one backend, ready to be compiled both ways: through gpuc's
 * {@link CodegenPipeline} and through {@link BareLlvm} with the module gpuc hands its optimiser,
 * the same pipeline strings and the same target machine.
 *
 * <p>{@link BenchJobs}' targets leave out {@code ptxas} and {@code spirv-val}, processes gpuc
 * would run and the baseline would not. What gpuc does besides LLVM's work (parse checks, extraction,
 * validation, lowering, verifying before emission, copying the module it emits) is the overhead
 * being measured.
 */
public final class OverheadCase {
    private final Backend backend;
    private final CompileJob job;
    private final byte[] optimizerInput;
    private final TargetMachineSpec machine;
    private final List<String> pipelines;
    private final BareLlvm.Codegen codegen;

    private OverheadCase(Backend backend, CompileJob job, byte[] optimizerInput, TargetMachineSpec machine,
                         List<String> pipelines, BareLlvm.Codegen codegen) {
        this.backend = backend;
        this.job = job;
        this.optimizerInput = optimizerInput;
        this.machine = machine;
        this.pipelines = pipelines;
        this.codegen = codegen;
    }

    /**
     * Sets a case up: one gpuc compilation captures the baseline's input and pipeline.
     *
     * @param name {@code backend/kernel}, see {@link BenchJobs}
     */
    public static OverheadCase of(String name) {
        BareLlvm.initialize();
        BenchJobs.Case benchCase = BenchJobs.of(name);
        Backend backend = benchCase.backend();
        CompileJob job = benchCase.job();
        CapturingBackend capturing = new CapturingBackend(backend);
        List<String> pipelines;
        TargetMachineSpec machine;
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(job, capturing)) {
            pipelines = llvmPipelines(c.optimizationPipeline());
            machine = c.machine().spec();
            c.finish();
        }
        return new OverheadCase(backend, job, capturing.optimizerInput().getBytes(StandardCharsets.UTF_8), machine,
                pipelines, codegen(backend.id()));
    }

    private static BareLlvm.Codegen codegen(String backend) {
        return switch (backend) {
            case "cpu" -> BareLlvm.Codegen.OBJECT;
            case "ptx" -> BareLlvm.Codegen.ASSEMBLY;
            case "amdgpu" -> BareLlvm.Codegen.OBJECT_LINKED;
            case "spirv" -> BareLlvm.Codegen.LLC;
            default -> throw new IllegalArgumentException("no bare-LLVM baseline for backend " + backend);
        };
    }

    /** The pipeline strings gpuc runs, one per {@code LLVMRunPasses} call, in order. */
    private static List<String> llvmPipelines(Pipeline pipeline) {
        List<String> out = new ArrayList<>();
        for (Pass p : pipeline.passes()) {
            if (p instanceof Pipeline nested) {
                out.addAll(llvmPipelines(nested));
            } else if (p instanceof LlvmPipeline llvm) {
                out.add(llvm.pipeline());
            } else {
                throw new IllegalStateException("the optimisation pipeline has a pass the baseline cannot repeat: " + p.name());
            }
        }
        return List.copyOf(out);
    }

    /** gpuc's compilation; returns the primary payload. */
    public byte[] gpuc() {
        return gpucResult().artifact().primary().bytes();
    }

    /** gpuc's compilation, with the time each stage took. */
    public CompileResult gpucResult() {
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(job, backend)) {
            return c.finish();
        }
    }

    /** The same compilation through the bare C API; returns the machine code. */
    public byte[] bare() {
        return BareLlvm.compile(optimizerInput, machine, pipelines, codegen);
    }
}

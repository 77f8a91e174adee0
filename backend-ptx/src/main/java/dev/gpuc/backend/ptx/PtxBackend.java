package dev.gpuc.backend.ptx;

import dev.gpuc.api.Availability;
import dev.gpuc.api.Backend;
import dev.gpuc.api.BackendFailure;
import dev.gpuc.api.BackendId;
import dev.gpuc.api.CompilationContext;
import dev.gpuc.api.DebugInfo;
import dev.gpuc.api.Gpuc;
import dev.gpuc.api.InvalidIrForTarget;
import dev.gpuc.api.Loader;
import dev.gpuc.api.Payload;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.Target;
import dev.gpuc.api.UnsupportedFeature;
import dev.gpuc.api.ValidationRules;
import dev.gpuc.ir.CallingConvention;
import dev.gpuc.ir.CodeGenFileType;
import dev.gpuc.ir.Function;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachineSpec;
import dev.gpuc.ir.Type;
import dev.gpuc.passes.NameSanitizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The NVIDIA backend: LLVM IR to PTX (and a cubin, when {@code ptxas} is here), loaded through
 * the CUDA driver. Read top to bottom like GPUCompiler.jl's {@code ptx.jl}: the target's
 * settings, the hooks it overrides, its lowering passes, its machine-code step.
 */
@BackendId(PtxTarget.BACKEND)
public final class PtxBackend implements Backend {
    /** Payload kinds: PTX text, and the cubin {@code ptxas} makes of it. */
    public static final String PTX = "ptx";
    public static final String CUBIN = "cubin";

    /** CUDA 13's oldest GPU, and what its {@code ptxas} assembles for by default. */
    public static final String DEFAULT_ARCH = "sm_75";

    /** What the CUDA driver provides to every kernel, like GPUCompiler.jl's {@code ptx_intrinsics}. */
    static final Set<String> DRIVER_FUNCTIONS = Set.of(PrintfLowering.VPRINTF, "__assertfail", "malloc", "free");

    // ---- Settings ----------------------------------------------------------------------------

    @Override
    public String id() {
        return PtxTarget.BACKEND;
    }

    /** gpuc's version, and {@code ptxas}'s when there is one: its cubins are part of the output. */
    @Override
    public String version() {
        return Gpuc.version() + Ptxas.find().map(p -> "+ptxas-" + p.version()).orElse("");
    }

    /** LLVM's NVPTX back end is part of every gpuc; only loading needs a driver and a GPU. */
    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public Target defaultTarget() {
        return target(DEFAULT_ARCH, "", Map.of());
    }

    /** A {@link PtxTarget}; a cubin is made by default when this machine's {@code ptxas} can build one. */
    @Override
    public PtxTarget target(String arch, String features, Map<String, String> options) {
        ComputeCapability cc = ComputeCapability.parse(arch == null || arch.isBlank() ? DEFAULT_ARCH : arch);
        boolean cubinDefault = Ptxas.find().map(p -> p.supports(cc)).orElse(false);
        return PtxTarget.parse(cc.toString(), features, options, cubinDefault);
    }

    /** The job's target as a {@link PtxTarget}, re-read from its settings when it came as plain data. */
    static PtxTarget ptxTarget(Target target) {
        if (target instanceof PtxTarget t) {
            return t;
        }
        return PtxTarget.parse(target.arch(), target.features(), target.options(), false);
    }

    // ---- Hooks -------------------------------------------------------------------------------

    /**
     * PATCH is preferred: slots are {@code .visible .global} words the loader writes with
     * {@code cuMemcpyHtoD}, so kernels keep their signature. TABLE passes a hidden table
     * pointer instead; BAKE inlines the compiling session's addresses, as every backend can.
     * IMPORT has no counterpart: the CUDA driver cannot define a module's symbols before load.
     */
    @Override
    public Set<RelocationStrategy> supportedStrategies() {
        return EnumSet.of(RelocationStrategy.BAKE, RelocationStrategy.PATCH, RelocationStrategy.TABLE);
    }

    @Override
    public RelocationStrategy preferredStrategy() {
        return RelocationStrategy.PATCH;
    }

    @Override
    public OptionalInt kernelCallingConvention() {
        return OptionalInt.of(CallingConvention.PTX_KERNEL);
    }

    @Override
    public int globalAddressSpace() {
        return 1;
    }

    @Override
    public TargetMachineSpec machine(Target target, int optLevel) {
        PtxTarget t = ptxTarget(target);
        return TargetMachineSpec.of(PtxTarget.TRIPLE, t.capability().llvmCpu(), t.features()).withOptLevel(optLevel);
    }

    /**
     * Driver functions, {@code printf} (lowered below) and {@code __nvvm_reflect} (resolved
     * below) are the only externals.
     */
    @Override
    public ValidationRules validationRules(Target target) {
        Set<String> allowed = new TreeSet<>(DRIVER_FUNCTIONS);
        allowed.add(PrintfLowering.PRINTF);
        allowed.add(NvvmReflect.FUNCTION);
        return ValidationRules.gpu(allowed);
    }

    // ---- Lowering passes ---------------------------------------------------------------------

    /**
     * Kernel ABI and launch bounds, {@code __nvvm_reflect}, {@code printf}, floating-point modes,
     * debug info and symbol names, in that order. (The pipeline has already made every other
     * definition internal and shaped the runtime-global slots for the strategy.)
     *
     * <p>Traps need nothing here: LLVM 20 lowers {@code llvm.trap} to {@code trap; exit;} and
     * {@code unreachable} to {@code exit} (its NVPTX "lower unreachable" step), which
     * {@code ptxas} accepts, so GPUCompiler.jl's older {@code hide_unreachable}/{@code
     * hide_trap} workarounds are not repeated.
     */
    @Override
    public void prepare(Module module, CompilationContext context) {
        PtxTarget target = ptxTarget(context.target());
        if (context.job().kernel()) {
            prepareKernels(module, context.entryPoints(), target);
        }
        NvvmReflect.run(module, target);
        PrintfLowering.run(module, target.describe());
        FloatingPointModes.apply(module, target);
        debugInfo(module, context.job().debugInfo(), target);
        NameSanitizer.sanitize(module);
    }

    /**
     * Entry points become {@code .entry} functions through the {@code ptx_kernel} calling
     * convention (LLVM 20 auto-upgrades the old {@code nvvm.annotations} "kernel" entry to it),
     * must return void, and get the target's launch bounds. Aggregate parameters need no help:
     * LLVM 20 passes first-class aggregates and {@code byval} pointers alike in {@code .param}
     * space, and moves generic pointer parameters of kernels to the global space itself.
     */
    private static void prepareKernels(Module module, List<String> entryPoints, PtxTarget target) {
        List<InvalidIrForTarget.Problem> problems = new ArrayList<>();
        for (String name : entryPoints) {
            // Entry-point selection guarantees a definition.
            Function f = module.function(name).orElseThrow();
            Type ret = f.returnType();
            if (ret.kind() != Type.Kind.VOID) {
                problems.add(new InvalidIrForTarget.Problem("kernel-return", name, "",
                        "a kernel returns void, @" + name + " returns " + ret));
                continue;
            }
            f.setCallingConvention(CallingConvention.PTX_KERNEL);
            target.launchBounds().annotate(module, f);
        }
        if (!problems.isEmpty()) {
            throw new InvalidIrForTarget(target.describe(), problems);
        }
    }

    /** PTX ISA whose {@code .section} directives can hold the label differences DWARF needs. */
    static final PtxVersion FULL_DEBUG_INFO_PTX = PtxVersion.of(7, 5);

    /**
     * Line tables only, when the job asks for them: NVPTX turns them into {@code .loc}
     * directives for {@code ptxas --generate-line-info}. (The pipeline already strips all debug
     * information for {@link DebugInfo#NONE}.) Full DWARF before PTX 7.5 is refused here: ptxas
     * rejects it ("labels1 - labels2 expression in .section requires PTX ISA .version 7.5").
     */
    private static void debugInfo(Module module, DebugInfo level, PtxTarget target) {
        if (level == DebugInfo.LINE_TABLES) {
            module.runPasses("strip-nonlinetable-debuginfo", null, false);
        } else if (level == DebugInfo.FULL && target.ptx().compareTo(FULL_DEBUG_INFO_PTX) < 0
                && !module.namedMetadata("llvm.dbg.cu").isEmpty()) {
            throw new UnsupportedFeature("full debug info needs PTX ISA " + FULL_DEBUG_INFO_PTX + " or newer, the target has "
                    + target.ptx() + ": compile with +ptx75 (or newer), or with line tables only");
        }
    }

    // ---- Machine code ------------------------------------------------------------------------

    /**
     * PTX first, then the cubin when the target asks for one. PTX is the primary payload: it is
     * always there (the cubin needs {@code ptxas}), it is what {@code -o} users read, and it is
     * the portable form: the driver JIT-compiles it for GPUs newer than the cubin's. The loader
     * tries the cubin first.
     */
    @Override
    public List<Payload> emit(Module module, CompilationContext context) {
        PtxTarget target = ptxTarget(context.target());
        byte[] ptx = context.machine().emitValid(module, CodeGenFileType.ASSEMBLY);
        List<Payload> out = new ArrayList<>(List.of(new Payload(PTX, ptx)));
        if (target.cubin()) {
            out.add(new Payload(CUBIN, assemble(ptx, target, context.job().debugInfo())));
        }
        return out;
    }

    private static byte[] assemble(byte[] ptx, PtxTarget target, DebugInfo debugInfo) {
        Ptxas ptxas = Ptxas.find().orElseThrow(() -> new BackendFailure(PtxTarget.BACKEND,
                "the target asks for a cubin but no ptxas was found (PATH, $CUDA_HOME/bin, /usr/local/cuda/bin,"
                        + " or -Dgpuc.ptxas=PATH); compile with cubin=false for PTX alone"));
        if (!ptxas.supports(target.capability())) {
            throw new BackendFailure(PtxTarget.BACKEND, "ptxas " + ptxas.version() + " cannot build cubins for "
                    + target.capability() + " (it knows " + String.join(", ", ptxas.archs())
                    + "); compile with cubin=false for PTX alone");
        }
        List<String> flags = switch (debugInfo) {
            case NONE -> List.of();
            case LINE_TABLES -> List.of("--generate-line-info");
            case FULL -> List.of("--device-debug");
        };
        return ptxas.assemble(ptx, target.capability().ptxasArch(), flags);
    }

    /** Entry points keep their name unless PTX cannot hold it; see {@link NameSanitizer}. */
    @Override
    public String symbolFor(String entryPoint) {
        return NameSanitizer.symbol(entryPoint);
    }

    @Override
    public Optional<Loader> loader() {
        return Optional.of(new PtxLoader());
    }
}

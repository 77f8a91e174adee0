package dev.gpuc.backend.amdgpu;

import dev.gpuc.api.Availability;
import dev.gpuc.api.Backend;
import dev.gpuc.api.BackendFailure;
import dev.gpuc.api.BackendId;
import dev.gpuc.api.BackendUnavailable;
import dev.gpuc.api.CompilationContext;
import dev.gpuc.api.Gpuc;
import dev.gpuc.api.InvalidIrForTarget;
import dev.gpuc.api.Loader;
import dev.gpuc.api.Payload;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.Slot;
import dev.gpuc.api.Target;
import dev.gpuc.api.ValidationRules;
import dev.gpuc.ir.CallingConvention;
import dev.gpuc.ir.CodeGenFileType;
import dev.gpuc.ir.Function;
import dev.gpuc.ir.Llvm;
import dev.gpuc.ir.LlvmException;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachineSpec;
import dev.gpuc.ir.Type;
import dev.gpuc.ir.Visibility;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * AMD GPUs through LLVM's AMDGPU target: HSA code objects ({@code hsaco}) linked by
 * {@code ld.lld}. Reads like GPUCompiler.jl's {@code gcn.jl}: the target's settings, the hooks
 * it overrides, its lowering, and its machine-code step, in that order.
 */
@BackendId(AmdgpuBackend.ID)
public final class AmdgpuBackend implements Backend {
    public static final String ID = "amdgpu";
    /** Address space of global memory, where slots and tables live. */
    public static final int GLOBAL_ADDRESS_SPACE = 1;
    private static final Duration LINK_TIMEOUT = Duration.ofMinutes(2);

    private final HsaLinker linker;
    private String version;
    private Availability availability;

    public AmdgpuBackend() {
        this(new HsaLinker(LINK_TIMEOUT, null));
    }

    AmdgpuBackend(HsaLinker linker) {
        this.linker = linker;
    }

    // ---- settings

    @Override
    public String id() {
        return ID;
    }

    /** gpuc's, LLVM's and lld's versions: lld writes the code object, so its version is part of every cache key. */
    @Override
    public synchronized String version() {
        if (version == null) {
            try {
                version = Gpuc.version() + " (LLVM " + Llvm.version() + "; " + HsaLinker.version() + ")";
            } catch (LlvmException e) {
                throw new BackendUnavailable(ID, true, "cannot run " + HsaLinker.TOOL + ": " + e.getMessage());
            }
        }
        return version;
    }

    /** Available where the jar's {@code ld.lld} runs: without it there is no code object. */
    @Override
    public synchronized Availability availability() {
        if (availability == null) {
            try {
                version();
                availability = Availability.yes();
            } catch (BackendUnavailable e) {
                availability = Availability.no(e.getMessage());
            }
        }
        return availability;
    }

    @Override
    public Target defaultTarget() {
        return AmdgpuTarget.defaults();
    }

    @Override
    public Target target(String arch, String features, Map<String, String> options) {
        return AmdgpuTarget.of(arch, features, options);
    }

    @Override
    public Set<RelocationStrategy> supportedStrategies() {
        return EnumSet.allOf(RelocationStrategy.class);
    }

    /**
     * PATCH: the code object is complete on its own (no undefined symbols), so both HIP
     * ({@code hipModuleGetGlobal}) and plain HSA can load it and write the slots, while IMPORT
     * works only through HSA's {@code hsa_executable_agent_global_variable_define}. Both cost the
     * kernel one scalar load per slot: a protected slot is read PC-relative, an IMPORT slot's
     * address comes from the GOT.
     */
    @Override
    public RelocationStrategy preferredStrategy() {
        return RelocationStrategy.PATCH;
    }

    @Override
    public OptionalInt kernelCallingConvention() {
        return OptionalInt.of(CallingConvention.AMDGPU_KERNEL);
    }

    @Override
    public int globalAddressSpace() {
        return GLOBAL_ADDRESS_SPACE;
    }

    /** Position-independent code, as every HSA code object is (the loader places it anywhere). */
    @Override
    public TargetMachineSpec machine(Target target, int optLevel) {
        AmdgpuTarget t = AmdgpuTarget.from(target);
        return new TargetMachineSpec(AmdgpuTarget.TRIPLE, t.arch(), t.features(), optLevel,
                TargetMachineSpec.RelocModel.PIC, TargetMachineSpec.CodeModel.DEFAULT);
    }

    /** A GPU: no external functions (lld would leave them unresolved), no dynamic stack allocation. */
    @Override
    public ValidationRules validationRules(Target target) {
        return ValidationRules.gpu(Set.of());
    }

    /** {@link #prepare} sets the code object version to the target's, so a library may say another. */
    @Override
    public Set<String> normalisedModuleFlags() {
        return Set.of(CodeObjectVersionFlag.KEY);
    }

    @Override
    public Optional<Loader> loader() {
        return Optional.of(AmdgpuLoader.unavailable());
    }

    // ---- hooks

    /**
     * The kernel ABI and what the link needs: the code object version the target asks for,
     * {@code amdgpu_kernel} entry points with by-reference aggregates in the constant address
     * space, PATCH slots protected. Every function but the entry points is already internal
     * (the pipeline's kernel marking), so each call resolves inside the code object and LLVM
     * sees each function's callers when it sizes registers and stack.
     */
    @Override
    public void prepare(Module module, CompilationContext context) {
        AmdgpuTarget target = AmdgpuTarget.from(context.target());
        CodeObjectVersionFlag.set(module, target.codeObjectVersion());
        if (context.job().kernel()) {
            for (String name : context.entryPoints()) {
                markKernel(module, name);
            }
        }
        if (context.strategy() == RelocationStrategy.PATCH) {
            protectSlots(module, context.relocations().slots());
        }
    }

    // ---- lowering

    private static void markKernel(Module module, String name) {
        Function kernel = module.function(name).orElseThrow(() -> new IllegalStateException(
                "entry point @" + name + " is not in the module"));
        Type returns = kernel.returnType();
        if (returns.kind() != Type.Kind.VOID) {
            throw new InvalidIrForTarget(ID, List.of(new InvalidIrForTarget.Problem("kernel returns a value", name, "",
                    "an amdgpu_kernel returns void, this one returns " + returns + "; write results through a pointer argument")));
        }
        kernel.setCallingConvention(CallingConvention.AMDGPU_KERNEL);
        ByrefKernelArguments.apply(module, kernel);
    }

    /**
     * Protected rather than default visibility: still in {@code .dynsym} for the loader, but not
     * preemptible, so the kernel reads the slot PC-relative instead of through a GOT entry and a
     * dynamic relocation (clang gives HIP's {@code __device__} variables the same visibility).
     */
    private static void protectSlots(Module module, List<Slot> slots) {
        for (Slot slot : slots) {
            module.global(slot.name()).ifPresent(g -> g.setVisibility(Visibility.PROTECTED));
        }
    }

    // ---- machine code

    /** Object code from LLVM, linked into a code object by lld, checked for the shape loaders need. */
    @Override
    public List<Payload> emit(Module module, CompilationContext context) {
        byte[] object;
        try {
            object = context.machine().emitValid(module, CodeGenFileType.OBJECT);
        } catch (LlvmException e) {
            throw new BackendFailure(ID, e.getMessage(), e);
        }
        byte[] hsaco = linker.link(object);
        List<String> problems = problems(hsaco, context);
        if (!problems.isEmpty()) {
            throw new BackendFailure(ID, "the linked code object is not what an HSA loader needs: " + String.join("; ", problems));
        }
        return List.of(new Payload("hsaco", hsaco));
    }

    /** What is wrong with a code object for this compilation; empty when nothing is. */
    static List<String> problems(byte[] hsaco, CompilationContext context) {
        HsaCodeObject code;
        try {
            code = HsaCodeObject.parse(hsaco);
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        int version = AmdgpuTarget.from(context.target()).codeObjectVersion();
        if (code.machine() != HsaCodeObject.EM_AMDGPU || code.type() != HsaCodeObject.ET_DYN
                || code.osAbi() != HsaCodeObject.ELFOSABI_AMDGPU_HSA || code.codeObjectVersion() != version) {
            problems.add("expected an EM_AMDGPU shared object for HSA, code object version " + version
                    + ", got e_machine " + code.machine() + ", e_type " + code.type() + ", OS/ABI " + code.osAbi()
                    + ", version " + code.codeObjectVersion());
        }
        if (context.job().kernel()) {
            for (String kernel : context.entryPoints()) {
                if (code.dynamicSymbol(kernel + ".kd").filter(HsaCodeObject.Symbol::isDefined).isEmpty()) {
                    problems.add("no kernel descriptor " + kernel + ".kd in .dynsym");
                }
            }
        }
        for (Slot slot : context.relocations().slots()) {
            Optional<HsaCodeObject.Symbol> symbol = code.dynamicSymbol(slot.name());
            if (context.strategy() == RelocationStrategy.PATCH && symbol.filter(s -> s.isDefined() && s.isExported()
                    && s.symbolType() == HsaCodeObject.Symbol.STT_OBJECT && s.size() == slot.size()).isEmpty()) {
                problems.add("PATCH slot " + slot.name() + " is not a visible " + slot.size() + "-byte object in .dynsym: " + symbol);
            }
            if (context.strategy() == RelocationStrategy.IMPORT && symbol.filter(s -> s.isDefined() || !s.isExported()).isPresent()) {
                problems.add("IMPORT slot " + slot.name() + " must stay an undefined dynamic symbol: " + symbol.get());
            }
        }
        return problems;
    }
}

package dev.gpuc.backend.cpu;

import dev.gpuc.api.Availability;
import dev.gpuc.api.Backend;
import dev.gpuc.api.BackendFailure;
import dev.gpuc.api.BackendId;
import dev.gpuc.api.BasicTarget;
import dev.gpuc.api.CompilationContext;
import dev.gpuc.api.Loader;
import dev.gpuc.api.Payload;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.Target;
import dev.gpuc.api.UnsupportedFeature;
import dev.gpuc.ir.CodeGenFileType;
import dev.gpuc.ir.Llvm;
import dev.gpuc.ir.LlvmException;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachineSpec;
import dev.gpuc.ir.TargetMachineSpec.CodeModel;
import dev.gpuc.ir.TargetMachineSpec.RelocModel;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The host: x86-64 (or whatever this JVM runs on) code in a relocatable object, run in-process
 * through ORC by {@link CpuLoader}. The target's story, in pipeline order:
 *
 * <ul>
 *   <li>Settings: the host triple; CPU and features default to the host's, so the code uses
 *       every instruction this machine has (name an {@code arch} such as {@code x86-64} for
 *       portable code: features then default to that CPU's own).</li>
 *   <li>Relocation: position-independent code. A slot under IMPORT is an {@code extern_weak}
 *       symbol that ORC binds to an arbitrary address; PIC reaches it through the GOT, where a
 *       direct 32-bit reference would be out of range for a far address (DESIGN.md).</li>
 *   <li>Strategies: BAKE, PATCH and IMPORT. IMPORT is preferred: the value is bound when the
 *       object is linked, before any code can run; the code reads it with one GOT load where
 *       PATCH needs two (GOT, then slot); and no writable slot exists for code to clobber.</li>
 *   <li>Entry points are plain C functions (no kernel calling convention). {@link #prepare}
 *       gives each a uniform call wrapper, see {@link CallWrappers}.</li>
 *   <li>Output: one {@code object} payload (ELF on Linux).</li>
 * </ul>
 */
@BackendId(CpuBackend.ID)
public final class CpuBackend implements Backend {
    public static final String ID = "cpu";
    static final String PAYLOAD = "object";
    static final Set<RelocationStrategy> STRATEGIES =
            Set.copyOf(EnumSet.of(RelocationStrategy.BAKE, RelocationStrategy.PATCH, RelocationStrategy.IMPORT));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Availability availability() {
        try {
            Llvm.initialize();
            return Availability.yes();
        } catch (RuntimeException | LinkageError e) {
            return Availability.no("LLVM could not be loaded: " + e);
        }
    }

    @Override
    public Target defaultTarget() {
        return target(null, null, Map.of());
    }

    /**
     * @param arch     a CPU name for {@code -mcpu}; empty means this host's
     * @param features an LLVM feature string; empty means the host's when {@code arch} is the
     *                 host's, else the CPU's own
     * @throws UnsupportedFeature for any option: the CPU backend has none
     */
    @Override
    public Target target(String arch, String features, Map<String, String> options) {
        if (options != null && !options.isEmpty()) {
            throw new UnsupportedFeature("the CPU backend takes no target options, got " + options.keySet());
        }
        boolean hostCpu = arch == null || arch.isEmpty() || arch.equals(Llvm.hostCpu());
        String cpu = hostCpu ? Llvm.hostCpu() : arch;
        String f = features != null && !features.isEmpty() ? features : hostCpu ? Llvm.hostFeatures() : "";
        return BasicTarget.of(ID, Llvm.hostTriple(), cpu, f);
    }

    @Override
    public Set<RelocationStrategy> supportedStrategies() {
        return STRATEGIES;
    }

    @Override
    public RelocationStrategy preferredStrategy() {
        return RelocationStrategy.IMPORT;
    }

    @Override
    public OptionalInt kernelCallingConvention() {
        return OptionalInt.empty();
    }

    @Override
    public int globalAddressSpace() {
        return 0;
    }

    @Override
    public TargetMachineSpec machine(Target target, int optLevel) {
        return new TargetMachineSpec(target.triple(), target.arch(), target.features(), optLevel, RelocModel.PIC,
                CodeModel.DEFAULT);
    }

    @Override
    public void prepare(Module module, CompilationContext context) {
        for (String entry : context.entryPoints()) {
            CallWrappers.add(module, entry, symbolFor(entry));
        }
    }

    @Override
    public List<Payload> emit(Module module, CompilationContext context) {
        try {
            return List.of(new Payload(PAYLOAD, context.machine().emitValid(module, CodeGenFileType.OBJECT)));
        } catch (LlvmException e) {
            throw new BackendFailure(ID, e.getMessage(), e);
        }
    }

    @Override
    public Optional<Loader> loader() {
        return Optional.of(new CpuLoader());
    }
}

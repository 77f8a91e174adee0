package dev.gpuc.cli;

import dev.gpuc.api.Availability;
import dev.gpuc.api.Backend;
import dev.gpuc.api.BackendId;
import dev.gpuc.api.BasicTarget;
import dev.gpuc.api.CompilationContext;
import dev.gpuc.api.Payload;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.Target;
import dev.gpuc.ir.Llvm;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachineSpec;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A backend that dies the way LLVM does on a bad day: a segfault in native code, in the middle
 * of a compilation. Only on the test class path, to show that {@code --isolate} contains it.
 */
@BackendId(CrashingBackend.ID)
public final class CrashingBackend implements Backend {
    static final String ID = "crash-test";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public Target defaultTarget() {
        return target(null, null, Map.of());
    }

    @Override
    public Target target(String arch, String features, Map<String, String> options) {
        return BasicTarget.of(ID, Llvm.hostTriple(), "", "");
    }

    @Override
    public Set<RelocationStrategy> supportedStrategies() {
        return Set.of(RelocationStrategy.BAKE);
    }

    @Override
    public RelocationStrategy preferredStrategy() {
        return RelocationStrategy.BAKE;
    }

    @Override
    public OptionalInt kernelCallingConvention() {
        return OptionalInt.empty();
    }

    @Override
    public TargetMachineSpec machine(Target target, int optLevel) {
        return new TargetMachineSpec(target.triple(), "", "", optLevel, TargetMachineSpec.RelocModel.PIC,
                TargetMachineSpec.CodeModel.DEFAULT);
    }

    @Override
    public void prepare(Module module, CompilationContext context) {
        org.bytedeco.javacpp.Pointer.memset(new org.bytedeco.javacpp.Pointer(), 0, 64); // SIGSEGV in libc
    }

    @Override
    public List<Payload> emit(Module module, CompilationContext context) {
        throw new IllegalStateException("unreachable: prepare crashed");
    }
}

package dev.gpuc.passes;

import dev.gpuc.api.Availability;
import dev.gpuc.api.Backend;
import dev.gpuc.api.BasicTarget;
import dev.gpuc.api.CompilationContext;
import dev.gpuc.api.Payload;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.Target;
import dev.gpuc.api.ValidationRules;
import dev.gpuc.ir.CallingConvention;
import dev.gpuc.ir.CodeGenFileType;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachineSpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/** A kernel backend for pipeline tests, built only from passes: NVPTX text, sanitised names. */
final class FakePtxBackend implements Backend {
    @Override
    public String id() {
        return "fake-ptx";
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public Target defaultTarget() {
        return BasicTarget.of("fake-ptx", "nvptx64-nvidia-cuda", "sm_75", "");
    }

    @Override
    public Target target(String arch, String features, Map<String, String> options) {
        return defaultTarget();
    }

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
        return TargetMachineSpec.of(target.triple(), target.arch(), target.features()).withOptLevel(optLevel);
    }

    @Override
    public ValidationRules validationRules(Target target) {
        return ValidationRules.gpu(Set.of("vprintf"));
    }

    @Override
    public void prepare(Module module, CompilationContext context) {
        NameSanitizer.sanitize(module);
        TrapLowering.replaceTraps(module, TrapLowering.inlineAssembly("trap;"));
    }

    @Override
    public List<Payload> emit(Module module, CompilationContext context) {
        return List.of(new Payload("ptx", context.machine().emit(module, CodeGenFileType.ASSEMBLY)));
    }

    @Override
    public String symbolFor(String entryPoint) {
        return NameSanitizer.symbol(entryPoint);
    }
}

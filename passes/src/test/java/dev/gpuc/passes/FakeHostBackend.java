package dev.gpuc.passes;

import dev.gpuc.api.Availability;
import dev.gpuc.api.Backend;
import dev.gpuc.api.BasicTarget;
import dev.gpuc.api.CompilationContext;
import dev.gpuc.api.Payload;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.Target;
import dev.gpuc.ir.CodeGenFileType;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachineSpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/** A minimal host backend for pipeline tests: x86-64 objects, every strategy, no kernels. */
class FakeHostBackend implements Backend {
    static final String TRIPLE = "x86_64-unknown-linux-gnu";

    private final Set<RelocationStrategy> strategies;
    private final RelocationStrategy preferred;
    private final String extraPipeline;
    int prepared;

    FakeHostBackend(Set<RelocationStrategy> strategies, RelocationStrategy preferred, String extraPipeline) {
        this.strategies = Set.copyOf(strategies);
        this.preferred = preferred;
        this.extraPipeline = extraPipeline;
    }

    FakeHostBackend() {
        this(EnumSet.allOf(RelocationStrategy.class), RelocationStrategy.PATCH, "");
    }

    @Override
    public String id() {
        return "fake-host";
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public Target defaultTarget() {
        return BasicTarget.of("fake-host", TRIPLE, "x86-64", "");
    }

    @Override
    public Target target(String arch, String features, Map<String, String> options) {
        return defaultTarget();
    }

    @Override
    public Set<RelocationStrategy> supportedStrategies() {
        return strategies;
    }

    @Override
    public RelocationStrategy preferredStrategy() {
        return preferred;
    }

    @Override
    public OptionalInt kernelCallingConvention() {
        return OptionalInt.empty();
    }

    @Override
    public TargetMachineSpec machine(Target target, int optLevel) {
        return new TargetMachineSpec(target.triple(), target.arch(), target.features(), optLevel,
                TargetMachineSpec.RelocModel.PIC, TargetMachineSpec.CodeModel.DEFAULT);
    }

    @Override
    public void prepare(Module module, CompilationContext context) {
        prepared++;
    }

    @Override
    public String postOptimizationPipeline(Target target, int optLevel) {
        return extraPipeline;
    }

    @Override
    public List<Payload> emit(Module module, CompilationContext context) {
        return List.of(new Payload("object", context.machine().emit(module, CodeGenFileType.OBJECT)));
    }
}

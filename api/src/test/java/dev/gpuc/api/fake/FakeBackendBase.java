package dev.gpuc.api.fake;

import dev.gpuc.api.Availability;
import dev.gpuc.api.Backend;
import dev.gpuc.api.BasicTarget;
import dev.gpuc.api.CompilationContext;
import dev.gpuc.api.Payload;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.Target;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachineSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What the fake backends share: a third-party backend as a test writes it, known to gpuc only
 * through META-INF/services. Emitting gives the module's printed IR as a payload.
 */
public abstract class FakeBackendBase implements Backend {
    private final String id;

    protected FakeBackendBase(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public Target defaultTarget() {
        return BasicTarget.of(id, "x86_64-unknown-linux-gnu", "", "");
    }

    @Override
    public Target target(String arch, String features, Map<String, String> options) {
        return new BasicTarget(id, "x86_64-unknown-linux-gnu", arch, features, new java.util.TreeMap<>(options));
    }

    @Override
    public Set<RelocationStrategy> supportedStrategies() {
        return Set.of(RelocationStrategy.TABLE);
    }

    @Override
    public RelocationStrategy preferredStrategy() {
        return RelocationStrategy.TABLE;
    }

    @Override
    public OptionalInt kernelCallingConvention() {
        return OptionalInt.empty();
    }

    @Override
    public TargetMachineSpec machine(Target target, int optLevel) {
        return TargetMachineSpec.of(target.triple(), target.arch(), target.features()).withOptLevel(optLevel);
    }

    @Override
    public void prepare(Module module, CompilationContext context) {}

    @Override
    public List<Payload> emit(Module module, CompilationContext context) {
        return List.of(new Payload("fake-ir", module.print().getBytes(StandardCharsets.UTF_8)));
    }
}

package dev.gpuc.bench;

import dev.gpuc.api.Availability;
import dev.gpuc.api.Backend;
import dev.gpuc.api.CompilationContext;
import dev.gpuc.api.Loader;
import dev.gpuc.api.Payload;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.Target;
import dev.gpuc.api.ValidationRules;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachineSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A backend that is another backend, and keeps the module as the optimiser receives it: after
 * gpuc's own steps (extraction, kernel marking, relocation lowering) and the backend's
 * {@code prepare}. That text is the bare-LLVM baseline's input, so both sides of the overhead
 * benchmark optimise and generate code for the very same module.
 */
final class CapturingBackend implements Backend {
    private final Backend backend;
    private String optimizerInput;

    CapturingBackend(Backend backend) {
        this.backend = backend;
    }

    /** The module text captured by the last compilation. */
    String optimizerInput() {
        if (optimizerInput == null) {
            throw new IllegalStateException("no compilation ran through " + backend.id() + " yet");
        }
        return optimizerInput;
    }

    @Override
    public void prepare(Module module, CompilationContext context) {
        backend.prepare(module, context);
        optimizerInput = module.print();
    }

    @Override
    public String id() {
        return backend.id();
    }

    @Override
    public String version() {
        return backend.version();
    }

    @Override
    public int priority() {
        return backend.priority();
    }

    @Override
    public Availability availability() {
        return backend.availability();
    }

    @Override
    public Target defaultTarget() {
        return backend.defaultTarget();
    }

    @Override
    public Target target(String arch, String features, Map<String, String> options) {
        return backend.target(arch, features, options);
    }

    @Override
    public Set<RelocationStrategy> supportedStrategies() {
        return backend.supportedStrategies();
    }

    @Override
    public RelocationStrategy preferredStrategy() {
        return backend.preferredStrategy();
    }

    @Override
    public OptionalInt kernelCallingConvention() {
        return backend.kernelCallingConvention();
    }

    @Override
    public int globalAddressSpace() {
        return backend.globalAddressSpace();
    }

    @Override
    public TargetMachineSpec machine(Target target, int optLevel) {
        return backend.machine(target, optLevel);
    }

    @Override
    public ValidationRules validationRules(Target target) {
        return backend.validationRules(target);
    }

    @Override
    public String postOptimizationPipeline(Target target, int optLevel) {
        return backend.postOptimizationPipeline(target, optLevel);
    }

    @Override
    public void finish(Module module, CompilationContext context) {
        backend.finish(module, context);
    }

    @Override
    public List<Payload> emit(Module module, CompilationContext context) {
        return backend.emit(module, context);
    }

    @Override
    public String symbolFor(String entryPoint) {
        return backend.symbolFor(entryPoint);
    }

    @Override
    public Optional<Loader> loader() {
        return backend.loader();
    }
}

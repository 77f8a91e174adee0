package dev.gpuc.backend.spirv;

import dev.gpuc.api.Availability;
import dev.gpuc.api.Backend;
import dev.gpuc.api.BackendFailure;
import dev.gpuc.api.BackendId;
import dev.gpuc.api.CompilationContext;
import dev.gpuc.api.Gpuc;
import dev.gpuc.api.Loader;
import dev.gpuc.api.Payload;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.Target;
import dev.gpuc.api.ValidationRules;
import dev.gpuc.ir.CallingConvention;
import dev.gpuc.ir.LlvmException;
import dev.gpuc.ir.LlvmTools;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachine;
import dev.gpuc.ir.TargetMachineSpec;
import dev.gpuc.passes.TrapLowering;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * SPIR-V for OpenCL through LLVM 20's own SPIR-V back end: what GPUCompiler.jl's
 * {@code spirv.jl} is for oneAPI.jl, read in the same order: settings, hooks, lowering, and the
 * machine-code step. Parsing, extraction and optimisation run in-process like every backend's;
 * code generation runs the same LLVM's {@code llc} once per module ({@link SpirvCodegen} says
 * why). Artifacts are validated with {@code spirv-val} and loaded through
 * {@code clCreateProgramWithIL} ({@link OpenClLoader}).
 */
@BackendId(SpirvTarget.BACKEND)
public final class SpirvBackend implements Backend {

    // ---- settings ----------------------------------------------------------------------------

    @Override
    public String id() {
        return SpirvTarget.BACKEND;
    }

    /** gpuc's version, and spirv-val's when installed: its verdict is part of what an artifact means. */
    @Override
    public String version() {
        return Gpuc.version() + SpirvValidator.find().map(v -> "+spirv-val:" + v.version()).orElse("");
    }

    @Override
    public Availability availability() {
        try {
            TargetMachine.create(machine(defaultTarget(), 0)).close();
            LlvmTools.path("llc");
            return Availability.yes();
        } catch (LlvmException e) {
            return Availability.no("LLVM's SPIR-V target or its llc is missing: " + e.getMessage());
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            return Availability.no("LLVM's native library cannot be loaded: " + e);
        }
    }

    @Override
    public Target defaultTarget() {
        return SpirvTarget.defaults();
    }

    @Override
    public Target target(String arch, String features, Map<String, String> options) {
        return SpirvTarget.parse(arch, features, options);
    }

    /**
     * TABLE works on every OpenCL runtime; PATCH only where program-scope globals are shared
     * between kernels, which the loader checks per device. BAKE, as on every backend (and forced
     * for a module that is not portable), inlines {@code inttoptr} constants in instructions,
     * which LLVM's SPIR-V back end compiles; only an {@code inttoptr} global initialiser crashes
     * it, and that happens in {@code llc}'s process ({@link SpirvCodegen}).
     */
    @Override
    public Set<RelocationStrategy> supportedStrategies() {
        return EnumSet.of(RelocationStrategy.TABLE, RelocationStrategy.PATCH, RelocationStrategy.BAKE);
    }

    @Override
    public RelocationStrategy preferredStrategy() {
        return RelocationStrategy.TABLE;
    }

    @Override
    public OptionalInt kernelCallingConvention() {
        return OptionalInt.of(CallingConvention.SPIR_KERNEL);
    }

    /** CrossWorkgroup, OpenCL's {@code __global}. */
    @Override
    public int globalAddressSpace() {
        return 1;
    }

    /** SPIR-V has neither CPUs nor subtarget features: the triple says it all. */
    @Override
    public TargetMachineSpec machine(Target target, int optLevel) {
        return TargetMachineSpec.of(SpirvTarget.of(target).triple(), "", "").withOptLevel(optLevel);
    }

    /**
     * OpenCL builtins come Itanium-mangled ({@code _Z13get_global_idj}) or SPIR-V friendly
     * ({@code __spirv_BuiltInGlobalInvocationId}); both are what the back end recognises. Half
     * and double only where the target says the device has them; indirect calls only with
     * {@code SPV_INTEL_function_pointers}.
     */
    @Override
    public ValidationRules validationRules(Target target) {
        SpirvTarget t = SpirvTarget.of(target);
        return new ValidationRules(Set.of("_Z*", "__spirv_*"), false, t.fp16(), t.fp64(), false, false,
                t.extensions().contains("SPV_INTEL_function_pointers"));
    }

    // ---- hooks -------------------------------------------------------------------------------

    /**
     * The pipeline has already given the module this target's triple (so input written for
     * {@code spir64} or an unversioned {@code spirv64} is accepted) and made its entry points
     * {@code spir_kernel}; under PATCH the slot-setting kernel is added here.
     */
    @Override
    public void prepare(Module module, CompilationContext context) {
        if (context.strategy() == RelocationStrategy.PATCH && !context.relocations().isEmpty()) {
            SlotSetterKernel.add(module, context.relocations(), globalAddressSpace());
        }
    }

    // ---- lowering ----------------------------------------------------------------------------

    @Override
    public void finish(Module module, CompilationContext context) {
        SpirvLowering.stripDebugInfo(module);
        // The unreachable after each trap stays: valid SPIR-V (OpUnreachable).
        TrapLowering.replaceTraps(module, TrapLowering.nothing());
        SpirvLowering.removeFreezes(module);
    }

    // ---- machine code ------------------------------------------------------------------------

    @Override
    public List<Payload> emit(Module module, CompilationContext context) {
        SpirvTarget target = SpirvTarget.of(context.target());
        byte[] binary = SpirvCodegen.emit(module, target.triple(), context.machine().spec().optLevel(),
                target.extensions());
        if (target.validate()) {
            validate(binary, target);
        }
        return List.of(new Payload("spirv", binary));
    }

    private void validate(byte[] binary, SpirvTarget target) {
        Optional<SpirvValidator> validator = SpirvValidator.find();
        if (validator.isEmpty()) {
            return;
        }
        try {
            Optional<String> complaint = validator.get().check(binary, target.version());
            if (complaint.isPresent()) {
                throw new BackendFailure(id(), "spirv-val (" + SpirvValidator.environment(target.version())
                        + ") rejects the SPIR-V LLVM emitted: " + complaint.get());
            }
        } catch (IOException e) {
            throw new BackendFailure(id(), "cannot run spirv-val: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Loader> loader() {
        return Optional.of(new OpenClLoader());
    }
}

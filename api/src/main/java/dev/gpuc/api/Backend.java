package dev.gpuc.api;

import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachineSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The backend SPI: everything a target plugs into gpuc. Implementations are found through
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/dev.gpuc.api.Backend} entry) and
 * should carry {@link BackendId} so discovery need not instantiate them. Every hook a backend
 * may override is declared here with its default; the driver calls them in this order:
 * {@link #machine}, {@link #validationRules}, {@link #prepare}, optimisation, {@link #finish},
 * {@link #emit}.
 */
public interface Backend {
    /** Short unique id, such as {@code ptx}; what {@code --target} names. */
    String id();

    /**
     * The backend's own version: part of the cache key. Include versions of external tools
     * whose output ends up in artifacts (for example {@code ptxas}).
     */
    default String version() {
        return Gpuc.version();
    }

    /** Among providers with the same id, the highest priority wins. An open number. */
    default int priority() {
        return 0;
    }

    /** Whether this backend can compile on this machine, and if not, why. */
    Availability availability();

    Target defaultTarget();

    /**
     * A target from command-line style settings; null or empty values mean the default.
     *
     * @throws UnsupportedFeature for an architecture or option this backend does not know
     */
    Target target(String arch, String features, Map<String, String> options);

    Set<RelocationStrategy> supportedStrategies();

    RelocationStrategy preferredStrategy();

    /** The calling convention of kernel entry points, or empty where kernels are plain functions. */
    OptionalInt kernelCallingConvention();

    /** Address space for globals gpuc creates (runtime-global slots, tables): 1 on GPUs, 0 on hosts. */
    default int globalAddressSpace() {
        return 0;
    }

    /** The target machine for a target and optimisation level. */
    TargetMachineSpec machine(Target target, int optLevel);

    /** What IR this target accepts; checked before {@link #prepare}. */
    default ValidationRules validationRules(Target target) {
        return ValidationRules.permissive();
    }

    /**
     * Module flags this backend sets to its own value in {@link #prepare} whatever the input
     * said, such as AMDGPU's {@code amdhsa_code_object_version}. Library linking accepts a
     * library whose value differs from the module's in one of these (and takes the module's),
     * instead of refusing it as code built with other semantics.
     */
    default Set<String> normalisedModuleFlags() {
        return Set.of();
    }

    /**
     * Target-specific lowering before optimisation: ABI, intrinsics, names. The module already
     * has its triple and data layout set, its entry points marked and its slots shaped for the
     * strategy.
     */
    void prepare(Module module, CompilationContext context);

    /** Extra LLVM pipeline run after the standard optimisation pipeline, or empty. */
    default String postOptimizationPipeline(Target target, int optLevel) {
        return "";
    }

    /** Last changes after optimisation, before code generation. */
    default void finish(Module module, CompilationContext context) {}

    /**
     * Code generation: the payloads of the artifact, the primary one first. The module is valid:
     * the driver verified it after {@link #prepare} and, when a backend overrides
     * {@link #finish}, after that too (only LLVM's own passes run in between), so
     * {@code TargetMachine.emitValid} may skip verifying it again. This is the last thing done
     * with the module, so code generation may lower it in place: the driver never reads it
     * afterwards, and copying it first would cost about as much as parsing it.
     */
    List<Payload> emit(Module module, CompilationContext context);

    /** The symbol an entry point gets in the output, when the backend renames it. */
    default String symbolFor(String entryPoint) {
        return entryPoint;
    }

    /** A loader for this backend's artifacts, if it has one. */
    default Optional<Loader> loader() {
        return Optional.empty();
    }
}

package dev.gpuc.backend.spirv;

import static org.bytedeco.llvm.global.LLVM.LLVMParseCommandLineOptions;

import dev.gpuc.api.UnsupportedFeature;
import dev.gpuc.ir.Llvm;
import dev.gpuc.ir.TargetMachine;
import dev.gpuc.ir.TargetMachineSpec;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * SPIR-V extensions for LLVM 20's back end. LLVM 20 has no subtarget features for SPIR-V: the
 * only way in is the process-wide command-line option {@code --spirv-ext}, which the back end
 * reads when a target machine is created. So a target machine for code generation is made here,
 * under one lock, right after the option is set to the target's extensions; the option is only
 * written when a compilation asks for a different set than the last one.
 */
final class SpirvExtensions {
    private SpirvExtensions() {}

    /**
     * The extensions LLVM 20.1.7's {@code --spirv-ext} accepts (each checked against llc 20.1.7).
     * Names are checked before they reach LLVM, whose option parser would otherwise report an
     * unknown name on stderr and keep the previous value.
     */
    static final Set<String> KNOWN = Set.of(
            "SPV_EXT_arithmetic_fence", "SPV_EXT_demote_to_helper_invocation", "SPV_EXT_optnone",
            "SPV_EXT_shader_atomic_float16_add", "SPV_EXT_shader_atomic_float_add",
            "SPV_EXT_shader_atomic_float_min_max", "SPV_INTEL_arbitrary_precision_integers",
            "SPV_INTEL_bfloat16_conversion", "SPV_INTEL_cache_controls", "SPV_INTEL_float_controls2",
            "SPV_INTEL_function_pointers", "SPV_INTEL_global_variable_fpga_decorations",
            "SPV_INTEL_global_variable_host_access", "SPV_INTEL_inline_assembly", "SPV_INTEL_joint_matrix",
            "SPV_INTEL_media_block_io", "SPV_INTEL_optnone", "SPV_INTEL_split_barrier", "SPV_INTEL_subgroups",
            "SPV_INTEL_usm_storage_classes", "SPV_INTEL_variable_length_array", "SPV_KHR_bit_instructions",
            "SPV_KHR_cooperative_matrix", "SPV_KHR_expect_assume", "SPV_KHR_float_controls",
            "SPV_KHR_integer_dot_product", "SPV_KHR_linkonce_odr", "SPV_KHR_no_integer_wrap_decoration",
            "SPV_KHR_non_semantic_info", "SPV_KHR_shader_clock", "SPV_KHR_subgroup_rotate",
            "SPV_KHR_uniform_group_instructions");

    private static final Object LOCK = new Object();
    /** What {@code --spirv-ext} holds now; LLVM starts with none. */
    private static SortedSet<String> current = new TreeSet<>();

    static void requireKnown(String extension) {
        if (!KNOWN.contains(extension)) {
            throw new UnsupportedFeature("SPIR-V extension '" + extension
                    + "' is not known to LLVM 20's SPIR-V back end (known: " + new TreeSet<>(KNOWN) + ")");
        }
    }

    /** Runs {@code use} on a fresh target machine that sees exactly {@code extensions}. */
    static <T> T withMachine(TargetMachineSpec spec, SortedSet<String> extensions, Function<TargetMachine, T> use) {
        Llvm.initialize(); // the back end registers --spirv-ext when LLVM loads
        synchronized (LOCK) {
            if (!current.equals(extensions)) {
                setOption(extensions);
                current = new TreeSet<>(extensions);
            }
            try (TargetMachine machine = TargetMachine.create(spec)) {
                return use.apply(machine);
            }
        }
    }

    private static void setOption(SortedSet<String> extensions) {
        StringBuilder value = new StringBuilder("--spirv-ext=");
        for (String e : extensions) {
            requireKnown(e);
            value.append(value.charAt(value.length() - 1) == '=' ? "" : ",").append('+').append(e);
        }
        try (BytePointer program = new BytePointer("gpuc");
             BytePointer option = new BytePointer(value.toString());
             PointerPointer<BytePointer> argv = new PointerPointer<>(program, option)) {
            LLVMParseCommandLineOptions(2, argv, (BytePointer) null);
        }
    }
}

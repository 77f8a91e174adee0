package dev.gpuc.backend.spirv;

import dev.gpuc.api.UnsupportedFeature;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * SPIR-V extensions for LLVM 20's back end. LLVM 20 has no subtarget features for SPIR-V: the
 * only way in is llc's {@code --spirv-ext} option (a process-wide {@code cl::opt} in the library),
 * which {@link SpirvCodegen} passes to the llc it runs for each module.
 */
final class SpirvExtensions {
    private SpirvExtensions() {}

    /**
     * The extensions LLVM 20.1.7's {@code --spirv-ext} accepts (each checked against its llc).
     * Names are checked here so that a typo is an {@link UnsupportedFeature} naming it.
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

    static void requireKnown(String extension) {
        if (!KNOWN.contains(extension)) {
            throw new UnsupportedFeature("SPIR-V extension '" + extension
                    + "' is not known to LLVM 20's SPIR-V back end (known: " + new TreeSet<>(KNOWN) + ")");
        }
    }

    /** llc's option for these extensions, such as {@code --spirv-ext=+SPV_A,+SPV_B}. */
    static String llcOption(SortedSet<String> extensions) {
        StringBuilder option = new StringBuilder("--spirv-ext=");
        String separator = "";
        for (String e : extensions) {
            requireKnown(e);
            option.append(separator).append('+').append(e);
            separator = ",";
        }
        return option.toString();
    }
}

package dev.gpuc.backend.ptx;

import dev.gpuc.api.UnsupportedFeature;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An NVIDIA compute capability such as {@code sm_90}, with the feature-set suffix of Hopper and
 * later: {@code a} (architecture-specific: the cubin runs on exactly that GPU) or {@code f}
 * (family-specific: it runs on the GPUs of that family).
 *
 * @param suffix {@code ""}, {@code "a"} or {@code "f"}
 */
public record ComputeCapability(int major, int minor, String suffix) implements Comparable<ComputeCapability> {
    private static final Pattern SYNTAX = Pattern.compile("sm_(\\d+)(\\d)([af]?)");

    /**
     * The processors LLVM 20.1.7's NVPTX back end knows ({@code llc -march=nvptx64 -mcpu=help}),
     * each with the lowest PTX ISA it emits for them: a lower requested version would give PTX
     * that no {@code ptxas} accepts.
     */
    private static final Map<String, PtxVersion> LLVM_PROCESSORS = processors();

    private static Map<String, PtxVersion> processors() {
        Map<String, PtxVersion> m = new TreeMap<>();
        m.put("sm_20", PtxVersion.of(3, 2));
        m.put("sm_21", PtxVersion.of(3, 2));
        m.put("sm_30", PtxVersion.of(6, 0));
        m.put("sm_32", PtxVersion.of(4, 0));
        m.put("sm_35", PtxVersion.of(3, 2));
        m.put("sm_37", PtxVersion.of(4, 1));
        m.put("sm_50", PtxVersion.of(4, 0));
        m.put("sm_52", PtxVersion.of(4, 1));
        m.put("sm_53", PtxVersion.of(4, 2));
        m.put("sm_60", PtxVersion.of(5, 0));
        m.put("sm_61", PtxVersion.of(5, 0));
        m.put("sm_62", PtxVersion.of(5, 0));
        m.put("sm_70", PtxVersion.of(6, 0));
        m.put("sm_72", PtxVersion.of(6, 1));
        m.put("sm_75", PtxVersion.of(6, 3));
        m.put("sm_80", PtxVersion.of(7, 0));
        m.put("sm_86", PtxVersion.of(7, 1));
        m.put("sm_87", PtxVersion.of(7, 4));
        m.put("sm_89", PtxVersion.of(7, 8));
        m.put("sm_90", PtxVersion.of(7, 8));
        m.put("sm_90a", PtxVersion.of(8, 0));
        m.put("sm_100", PtxVersion.of(8, 6));
        m.put("sm_100a", PtxVersion.of(8, 6));
        m.put("sm_101", PtxVersion.of(8, 6));
        m.put("sm_101a", PtxVersion.of(8, 6));
        m.put("sm_120", PtxVersion.of(8, 7));
        m.put("sm_120a", PtxVersion.of(8, 7));
        return Map.copyOf(m);
    }

    public ComputeCapability {
        if (!suffix.isEmpty() && !suffix.equals("a") && !suffix.equals("f")) {
            throw new IllegalArgumentException("suffix must be empty, a or f: " + suffix);
        }
    }

    /**
     * Parses {@code sm_XY}, {@code sm_XYa} or {@code sm_XYf}.
     *
     * @throws UnsupportedFeature for malformed names and capabilities LLVM 20 cannot target
     */
    public static ComputeCapability parse(String name) {
        Matcher m = SYNTAX.matcher(name == null ? "" : name.strip());
        if (!m.matches()) {
            throw new UnsupportedFeature("'" + name + "' is not a compute capability; expected sm_XY, sm_XYa or sm_XYf"
                    + " (for instance sm_80, sm_90a, sm_100f)");
        }
        ComputeCapability cc = new ComputeCapability(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3));
        if (!LLVM_PROCESSORS.containsKey(cc.llvmCpu())) {
            throw new UnsupportedFeature("LLVM 20.1.7's NVPTX back end cannot target " + name + "; it knows "
                    + String.join(", ", known()) + (cc.suffix.equals("f") ? " (family targets sm_XYf from sm_100 on)" : ""));
        }
        if (cc.suffix.equals("f") && cc.major < 10) {
            throw new UnsupportedFeature(name + ": family-specific targets (f) exist from sm_100 on");
        }
        return cc;
    }

    /** Every capability {@link #parse} accepts, sorted by capability. */
    public static List<String> known() {
        return LLVM_PROCESSORS.keySet().stream()
                .flatMap(cpu -> cpu.matches("sm_1\\d\\d") ? Stream.of(cpu, cpu + "f") : Stream.of(cpu))
                .map(ComputeCapability::parse).sorted().map(ComputeCapability::toString).toList();
    }

    /**
     * The processor LLVM compiles for. LLVM 20 has no family targets (PTX 8.8 introduced them),
     * so {@code sm_100f} compiles as {@code sm_100}, whose PTX every GPU of the family accepts;
     * {@code ptxas} then builds the family cubin.
     */
    public String llvmCpu() {
        return "sm_" + major + minor + (suffix.equals("a") ? "a" : "");
    }

    /** The lowest PTX ISA version LLVM emits for this capability. */
    public PtxVersion minimumPtx() {
        return LLVM_PROCESSORS.get(llvmCpu());
    }

    /** The value of {@code __CUDA_ARCH} for this capability, as {@code nvcc} defines it (900 for sm_90a). */
    public int cudaArch() {
        return major * 100 + minor * 10;
    }

    /** The {@code -arch} argument of {@code ptxas} for this capability's cubin. */
    public String ptxasArch() {
        return toString();
    }

    @Override
    public int compareTo(ComputeCapability o) {
        int c = Integer.compare(major * 10 + minor, o.major * 10 + o.minor);
        return c != 0 ? c : suffix.compareTo(o.suffix);
    }

    @Override
    public String toString() {
        return "sm_" + major + minor + suffix;
    }
}

package dev.gpuc.backend.amdgpu;

import dev.gpuc.api.Target;
import dev.gpuc.api.UnsupportedFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An AMD GPU: the {@code gfx} processor, LLVM feature string and HSA code object version.
 * Constructing one checks every field against LLVM's own lists, because LLVM treats an unknown
 * processor as a warning and then aborts in instruction selection.
 *
 * @param arch              processor such as {@code gfx90a}, {@code gfx942} or {@code gfx1100}
 * @param features          LLVM features such as {@code +wavefrontsize64,-xnack}; may be empty
 * @param codeObjectVersion HSA code object version: 4, 5 (LLVM 20's default) or 6 (needed by
 *                          the generic processors such as {@code gfx11-generic})
 */
public record AmdgpuTarget(String arch, String features, int codeObjectVersion) implements Target {
    public static final String TRIPLE = "amdgcn-amd-amdhsa";
    public static final String DEFAULT_ARCH = "gfx90a";
    /** What LLVM 20 emits when nothing says otherwise. */
    public static final int DEFAULT_CODE_OBJECT_VERSION = 5;
    public static final String CODE_OBJECT_VERSION = "code-object-version";
    private static final Set<Integer> CODE_OBJECT_VERSIONS = Set.of(4, 5, 6);

    public AmdgpuTarget {
        arch = arch == null || arch.isBlank() ? DEFAULT_ARCH : arch.strip();
        features = normalizeFeatures(features);
        if (!CODE_OBJECT_VERSIONS.contains(codeObjectVersion)) {
            throw new UnsupportedFeature("AMDGPU code object version " + codeObjectVersion
                    + " is not supported; LLVM " + dev.gpuc.ir.Llvm.version() + " emits 4, 5 or 6");
        }
        AmdgpuProcessors llvm = AmdgpuProcessors.known();
        checkProcessor(arch, llvm);
        checkFeatures(arch, features, llvm);
        if (arch.contains("generic") && codeObjectVersion < 6) {
            throw new UnsupportedFeature("the generic processor " + arch + " needs code object version 6"
                    + " (option " + CODE_OBJECT_VERSION + "=6); this target asks for " + codeObjectVersion);
        }
    }

    /** The default AMD GPU: {@value #DEFAULT_ARCH}, no extra features, code object version 5. */
    public static AmdgpuTarget defaults() {
        return new AmdgpuTarget(DEFAULT_ARCH, "", DEFAULT_CODE_OBJECT_VERSION);
    }

    public static AmdgpuTarget of(String arch, String features) {
        return new AmdgpuTarget(arch, features, DEFAULT_CODE_OBJECT_VERSION);
    }

    /** A target from command-line style settings; the only option is {@value #CODE_OBJECT_VERSION}. */
    public static AmdgpuTarget of(String arch, String features, Map<String, String> options) {
        int version = DEFAULT_CODE_OBJECT_VERSION;
        for (Map.Entry<String, String> option : (options == null ? Map.<String, String>of() : options).entrySet()) {
            if (!option.getKey().equals(CODE_OBJECT_VERSION)) {
                throw new UnsupportedFeature("unknown AMDGPU target option '" + option.getKey()
                        + "'; the amdgpu backend knows: " + CODE_OBJECT_VERSION);
            }
            try {
                version = Integer.parseInt(option.getValue().strip());
            } catch (NumberFormatException e) {
                throw new UnsupportedFeature(CODE_OBJECT_VERSION + " must be 4, 5 or 6, got '" + option.getValue() + "'");
            }
        }
        return new AmdgpuTarget(arch, features, version);
    }

    /** This backend's view of any target naming it (a {@code BasicTarget} from a job or a cache entry). */
    public static AmdgpuTarget from(Target target) {
        if (target instanceof AmdgpuTarget t) {
            return t;
        }
        if (!target.backend().equals(AmdgpuBackend.ID)) {
            throw new UnsupportedFeature("target " + target.describe() + " is not for the amdgpu backend");
        }
        if (!target.triple().isEmpty() && !target.triple().equals(TRIPLE)) {
            throw new UnsupportedFeature("the amdgpu backend emits HSA code objects for " + TRIPLE
                    + ", not " + target.triple());
        }
        return of(target.arch(), target.features(), target.options());
    }

    @Override
    public String backend() {
        return AmdgpuBackend.ID;
    }

    @Override
    public String triple() {
        return TRIPLE;
    }

    @Override
    public SortedMap<String, String> options() {
        return java.util.Collections.unmodifiableSortedMap(
                new TreeMap<>(Map.of(CODE_OBJECT_VERSION, Integer.toString(codeObjectVersion))));
    }

    /** Whether the processor can run 32-wide wavefronts (RDNA: gfx10 and later, generic ones included). */
    private static boolean hasWave32(String arch) {
        return arch.matches("gfx1[0-9].*");
    }

    private static String normalizeFeatures(String features) {
        if (features == null || features.isBlank()) {
            return "";
        }
        List<String> items = new ArrayList<>();
        for (String item : features.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return String.join(",", items);
    }

    private static void checkProcessor(String arch, AmdgpuProcessors llvm) {
        if (!llvm.processors().contains(arch)) {
            List<String> close = AmdgpuProcessors.closest(arch, llvm.processors(), 3);
            throw new UnsupportedFeature("unknown AMDGPU processor '" + arch + "'"
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?")
                    + " (LLVM " + dev.gpuc.ir.Llvm.version() + " knows " + String.join(" ", llvm.processors()) + ")");
        }
    }

    private static void checkFeatures(String arch, String features, AmdgpuProcessors llvm) {
        if (features.isEmpty()) {
            return;
        }
        Set<String> waveSizes = new java.util.TreeSet<>();
        for (String item : features.split(",")) {
            char sign = item.charAt(0);
            String name = item.substring(1);
            if ((sign != '+' && sign != '-') || !llvm.features().contains(name)) {
                List<String> close = AmdgpuProcessors.closest(sign == '+' || sign == '-' ? name : item, llvm.features(), 3);
                throw new UnsupportedFeature("unknown AMDGPU feature '" + item + "': features are +name or -name"
                        + " with a name LLVM knows" + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?"));
            }
            if (name.startsWith("wavefrontsize")) {
                // LLVM crashes on some spellings (-wavefrontsize64 on gfx90a): accept only the two real choices.
                if (sign == '-' || name.equals("wavefrontsize16")) {
                    throw new UnsupportedFeature("'" + item + "' is not a wavefront size: say +wavefrontsize32 or +wavefrontsize64");
                }
                waveSizes.add(name);
            }
        }
        if (waveSizes.size() > 1) {
            throw new UnsupportedFeature("features '" + features + "' ask for two wavefront sizes");
        }
        if (waveSizes.contains("wavefrontsize32") && !hasWave32(arch)) {
            throw new UnsupportedFeature(arch + " runs 64-wide wavefronts only; +wavefrontsize32 needs gfx10 or later");
        }
    }
}

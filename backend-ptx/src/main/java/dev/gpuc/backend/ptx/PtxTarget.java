package dev.gpuc.backend.ptx;

import dev.gpuc.api.Target;
import dev.gpuc.api.UnsupportedFeature;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the PTX backend compiles for: a compute capability, a PTX ISA version, floating-point
 * modes, launch bounds, and whether to assemble a cubin as well.
 *
 * @param fastMath approximate division and reassociation ({@code "unsafe-fp-math"} and friends)
 * @param ftz      flush single-precision denormals to zero; also what {@code __CUDA_FTZ} reflects
 * @param cubin    assemble the PTX with {@code ptxas} into a cubin kept next to it
 */
public record PtxTarget(ComputeCapability capability, PtxVersion ptx, boolean fastMath, boolean ftz,
                        LaunchBounds launchBounds, boolean cubin) implements Target {
    public static final String BACKEND = "ptx";
    public static final String TRIPLE = "nvptx64-nvidia-cuda";

    static final String FAST_MATH = "fast-math";
    static final String FTZ = "ftz";
    static final String CUBIN = "cubin";

    private static final Set<String> OPTION_KEYS = optionKeys();

    private static Set<String> optionKeys() {
        Set<String> keys = new TreeSet<>(LaunchBounds.OPTION_KEYS);
        keys.addAll(Set.of(FAST_MATH, FTZ, CUBIN));
        return Set.copyOf(keys);
    }

    public PtxTarget {
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(ptx, "ptx");
        Objects.requireNonNull(launchBounds, "launchBounds");
        if (ptx.compareTo(capability.minimumPtx()) < 0) {
            throw new UnsupportedFeature(capability + " needs PTX ISA " + capability.minimumPtx()
                    + " or newer; PTX " + ptx + " cannot express it");
        }
        if (ptx.compareTo(PtxVersion.LLVM_MAX) > 0) {
            throw new UnsupportedFeature("PTX ISA " + ptx + " is newer than LLVM 20.1.7 can emit (up to "
                    + PtxVersion.LLVM_MAX + ")");
        }
    }

    /** A capability at its lowest PTX ISA, IEEE floating point, no launch bounds. */
    public static PtxTarget of(ComputeCapability capability, boolean cubin) {
        return new PtxTarget(capability, capability.minimumPtx(), false, false, LaunchBounds.NONE, cubin);
    }

    /**
     * A target from command-line style settings.
     *
     * <p>The default PTX ISA is the lowest the capability allows: it is what LLVM picks itself,
     * and the PTX then loads on the oldest drivers that know the GPU (a driver JIT-compiles
     * only PTX versions it knows). Ask for a newer one through {@code features} ({@code +ptx87}).
     *
     * @param features     empty, or {@code +ptxNN}
     * @param options      {@code fast-math}, {@code ftz}, {@code cubin} ({@code true}/{@code false}),
     *                     {@code maxntid}, {@code reqntid} ({@code x[,y[,z]]}), {@code minctasm},
     *                     {@code maxnreg}
     * @param cubinDefault whether a cubin is made when {@code options} does not say
     * @throws UnsupportedFeature for anything this backend cannot compile for
     */
    public static PtxTarget parse(String arch, String features, Map<String, String> options, boolean cubinDefault) {
        ComputeCapability cc = ComputeCapability.parse(arch);
        PtxVersion ptx = features == null || features.isBlank() ? cc.minimumPtx() : parseFeatures(features);
        Map<String, String> o = options == null ? Map.of() : options;
        for (String key : o.keySet()) {
            if (!OPTION_KEYS.contains(key)) {
                throw new UnsupportedFeature("unknown ptx target option '" + key + "'; known: " + String.join(", ", OPTION_KEYS));
            }
        }
        return new PtxTarget(cc, ptx, flag(o, FAST_MATH, false), flag(o, FTZ, false), LaunchBounds.fromOptions(o),
                flag(o, CUBIN, cubinDefault));
    }

    private static PtxVersion parseFeatures(String features) {
        String[] parts = features.strip().split(",");
        if (parts.length != 1 || !parts[0].strip().startsWith("+ptx")) {
            throw new UnsupportedFeature("ptx target features are a single +ptxNN (the PTX ISA version), got '"
                    + features + "'");
        }
        return PtxVersion.parse(parts[0]);
    }

    private static boolean flag(Map<String, String> options, String key, boolean fallback) {
        String v = options.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return switch (v.strip()) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new UnsupportedFeature(key + " must be true or false, got '" + v + "'");
        };
    }

    public PtxTarget withPtx(PtxVersion version) {
        return new PtxTarget(capability, version, fastMath, ftz, launchBounds, cubin);
    }

    public PtxTarget withFastMath(boolean value) {
        return new PtxTarget(capability, ptx, value, ftz, launchBounds, cubin);
    }

    public PtxTarget withFtz(boolean value) {
        return new PtxTarget(capability, ptx, fastMath, value, launchBounds, cubin);
    }

    public PtxTarget withLaunchBounds(LaunchBounds bounds) {
        return new PtxTarget(capability, ptx, fastMath, ftz, bounds, cubin);
    }

    public PtxTarget withCubin(boolean value) {
        return new PtxTarget(capability, ptx, fastMath, ftz, launchBounds, value);
    }

    @Override
    public String backend() {
        return BACKEND;
    }

    @Override
    public String triple() {
        return TRIPLE;
    }

    @Override
    public String arch() {
        return capability.toString();
    }

    @Override
    public String features() {
        return ptx.llvmFeature();
    }

    @Override
    public SortedMap<String, String> options() {
        SortedMap<String, String> out = new TreeMap<>(launchBounds.toOptions());
        out.put(FAST_MATH, Boolean.toString(fastMath));
        out.put(FTZ, Boolean.toString(ftz));
        out.put(CUBIN, Boolean.toString(cubin));
        return java.util.Collections.unmodifiableSortedMap(out);
    }
}

package dev.gpuc.backend.spirv;

import dev.gpuc.api.Target;
import dev.gpuc.api.UnsupportedFeature;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A SPIR-V target for OpenCL kernels: the SPIR-V version (the back end's triple carries it, so
 * {@code spirv64v1.2}), the extensions LLVM may use, and which floating-point widths the
 * device supports. The addressing model is always Physical64 ({@code spirv64}).
 *
 * @param version    SPIR-V version of the module; 1.2 by default, what PoCL 3.1 accepts
 * @param extensions SPIR-V extensions the back end may use, such as {@code SPV_KHR_float_controls}
 * @param fp16       whether {@code half} is allowed (OpenCL needs {@code cl_khr_fp16}; spirv-val's
 *                   OpenCL environments reject the Float16 capability, so off by default)
 * @param fp64       whether {@code double} is allowed ({@code cl_khr_fp64})
 * @param validate   whether every artifact goes through {@code spirv-val} (when installed)
 */
public record SpirvTarget(Version version, SortedSet<String> extensions, boolean fp16, boolean fp64,
                          boolean validate) implements Target {
    public static final String BACKEND = "spirv";

    /** A SPIR-V version; LLVM 20 emits 1.0 to 1.6. */
    public record Version(int major, int minor) implements Comparable<Version> {
        public static final Version DEFAULT = new Version(1, 2);

        public Version {
            if (major != 1 || minor < 0 || minor > 6) {
                throw new UnsupportedFeature("SPIR-V version " + major + "." + minor
                        + " is not supported by LLVM's SPIR-V back end (1.0 to 1.6)");
            }
        }

        /** Parses {@code 1.2}, {@code v1.2} or {@code spirv64v1.2}. */
        public static Version parse(String text) {
            String s = text.strip();
            s = s.startsWith("spirv64") ? s.substring("spirv64".length()) : s;
            s = s.startsWith("v") ? s.substring(1) : s;
            int dot = s.indexOf('.');
            try {
                if (dot > 0) {
                    return new Version(Integer.parseInt(s.substring(0, dot)), Integer.parseInt(s.substring(dot + 1)));
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
            throw new UnsupportedFeature("not a SPIR-V version: '" + text + "' (expected something like 1.2)");
        }

        /** The word a SPIR-V module header stores for this version. */
        public int headerWord() {
            return (major << 16) | (minor << 8);
        }

        @Override
        public int compareTo(Version o) {
            return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
        }

        @Override
        public String toString() {
            return major + "." + minor;
        }
    }

    public SpirvTarget {
        Objects.requireNonNull(version, "version");
        extensions = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(extensions));
        for (String e : extensions) {
            SpirvExtensions.requireKnown(e);
        }
    }

    public static SpirvTarget defaults() {
        return new SpirvTarget(Version.DEFAULT, new TreeSet<>(), false, true, true);
    }

    /**
     * A target from command-line style settings: {@code arch} is the version, {@code features}
     * the extensions as {@code +SPV_A,+SPV_B} (the syntax of llc's {@code --spirv-ext}), and the
     * options {@code fp16}, {@code fp64} and {@code validate} are booleans.
     */
    public static SpirvTarget parse(String arch, String features, Map<String, String> options) {
        SpirvTarget d = defaults();
        Version version = arch == null || arch.isBlank() ? d.version : Version.parse(arch);
        TreeSet<String> extensions = new TreeSet<>();
        if (features != null && !features.isBlank()) {
            for (String token : features.split(",")) {
                String t = token.strip();
                if (!t.startsWith("+")) {
                    throw new UnsupportedFeature("SPIR-V extensions are listed as +NAME, got '" + t + "'");
                }
                extensions.add(t.substring(1));
            }
        }
        Map<String, String> o = options == null ? Map.of() : options;
        for (String key : o.keySet()) {
            if (!key.equals("fp16") && !key.equals("fp64") && !key.equals("validate")) {
                throw new UnsupportedFeature("unknown SPIR-V target option '" + key + "' (known: fp16, fp64, validate)");
            }
        }
        return new SpirvTarget(version, extensions, flag(o, "fp16", d.fp16), flag(o, "fp64", d.fp64),
                flag(o, "validate", d.validate));
    }

    private static boolean flag(Map<String, String> options, String key, boolean fallback) {
        String v = options.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new UnsupportedFeature("SPIR-V target option " + key + " must be true or false, got '" + v + "'");
    }

    /** Reads any target naming this backend: ours as is, others (a {@code BasicTarget}) parsed. */
    public static SpirvTarget of(Target target) {
        if (target instanceof SpirvTarget s) {
            return s;
        }
        if (!target.backend().equals(BACKEND)) {
            throw new UnsupportedFeature("not a SPIR-V target: " + target.describe());
        }
        String arch = target.arch().isBlank() && target.triple().startsWith("spirv64v") ? target.triple().split("-")[0]
                : target.arch();
        return parse(arch, target.features(), target.options());
    }

    public SpirvTarget withVersion(Version v) {
        return new SpirvTarget(v, extensions, fp16, fp64, validate);
    }

    public SpirvTarget withExtensions(SortedSet<String> e) {
        return new SpirvTarget(version, e, fp16, fp64, validate);
    }

    public SpirvTarget withFp16(boolean on) {
        return new SpirvTarget(version, extensions, on, fp64, validate);
    }

    public SpirvTarget withFp64(boolean on) {
        return new SpirvTarget(version, extensions, fp16, on, validate);
    }

    public SpirvTarget withValidation(boolean on) {
        return new SpirvTarget(version, extensions, fp16, fp64, on);
    }

    @Override
    public String backend() {
        return BACKEND;
    }

    /** The back end's triple: the version is its sub-architecture. */
    @Override
    public String triple() {
        return "spirv64v" + version + "-unknown-unknown";
    }

    /** SPIR-V has no CPU; the version lives in the triple. */
    @Override
    public String arch() {
        return "";
    }

    @Override
    public String features() {
        StringBuilder sb = new StringBuilder();
        for (String e : extensions) {
            sb.append(sb.length() == 0 ? "" : ",").append('+').append(e);
        }
        return sb.toString();
    }

    @Override
    public SortedMap<String, String> options() {
        TreeMap<String, String> o = new TreeMap<>();
        o.put("fp16", Boolean.toString(fp16));
        o.put("fp64", Boolean.toString(fp64));
        o.put("validate", Boolean.toString(validate));
        return o;
    }
}

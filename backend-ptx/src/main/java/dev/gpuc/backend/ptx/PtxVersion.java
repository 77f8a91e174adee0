package dev.gpuc.backend.ptx;

import dev.gpuc.api.UnsupportedFeature;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A PTX ISA version such as 7.8, the {@code .version} line of the emitted PTX. */
public record PtxVersion(int major, int minor) implements Comparable<PtxVersion> {
    /** The newest PTX ISA LLVM 20.1.7 can emit ({@code +ptx87}). */
    public static final PtxVersion LLVM_MAX = of(8, 7);

    private static final Pattern SYNTAX = Pattern.compile("(?:\\+?ptx)?(\\d+)\\.?(\\d)");

    public PtxVersion {
        if (major < 1 || minor < 0 || minor > 9) {
            throw new IllegalArgumentException("not a PTX ISA version: " + major + "." + minor);
        }
    }

    public static PtxVersion of(int major, int minor) {
        return new PtxVersion(major, minor);
    }

    /**
     * Parses {@code 7.8}, {@code 78}, {@code ptx78} or {@code +ptx78}.
     *
     * @throws UnsupportedFeature for anything else
     */
    public static PtxVersion parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new UnsupportedFeature("'" + text + "' is not a PTX ISA version; expected for instance 7.8 or +ptx78");
        }
        return of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The LLVM subtarget feature that selects this version, such as {@code +ptx78}. */
    public String llvmFeature() {
        return "+ptx" + major + minor;
    }

    @Override
    public int compareTo(PtxVersion o) {
        return Integer.compare(major * 10 + minor, o.major * 10 + o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}

package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import org.bytedeco.javacpp.Loader;

/**
 * Process-wide LLVM state: native library loading and target registration, done once.
 *
 * <p>Every entry point of {@code ir} that needs a target calls {@link #initialize()}; callers
 * never have to. The SPIR-V target has no per-target initialiser in the preset, so the
 * "all targets" initialisers are used.
 */
public final class Llvm {
    private Llvm() {}

    /** The JVM runs this once, under its class-initialisation lock, on first use. */
    private static final class Holder {
        static final String VERSION;
        static final Throwable FAILURE;

        static {
            String version = null;
            Throwable failure = null;
            try {
                version = init();
            } catch (Throwable t) { // UnsatisfiedLinkError and friends: keep the cause for every caller
                failure = t;
            }
            VERSION = version;
            FAILURE = failure;
        }

        private static String init() {
            Loader.load(org.bytedeco.llvm.global.LLVM.class);
            LLVMInitializeAllTargetInfos();
            LLVMInitializeAllTargets();
            LLVMInitializeAllTargetMCs();
            LLVMInitializeAllAsmPrinters();
            LLVMInitializeAllAsmParsers();
            int[] major = new int[1];
            int[] minor = new int[1];
            int[] patch = new int[1];
            LLVMGetVersion(major, minor, patch);
            return major[0] + "." + minor[0] + "." + patch[0];
        }
    }

    /**
     * Loads LLVM and registers every target; thread-safe and idempotent.
     *
     * @throws IllegalStateException, on every call, when LLVM's native libraries could not be loaded
     */
    public static void initialize() {
        if (Holder.FAILURE != null) {
            throw new IllegalStateException("LLVM failed to initialise: " + Holder.FAILURE, Holder.FAILURE);
        }
    }

    /** The LLVM version gpuc runs on, such as {@code 20.1.7}. */
    public static String version() {
        initialize();
        return Holder.VERSION;
    }

    /** The triple of the machine this JVM runs on, normalised. */
    public static String hostTriple() {
        initialize();
        return Host.TRIPLE;
    }

    /** The host CPU's name as LLVM knows it, such as {@code znver4}. */
    public static String hostCpu() {
        initialize();
        return Host.CPU;
    }

    /** The host CPU's features as LLVM spells them ({@code +avx2,-avx512f,...}). */
    public static String hostFeatures() {
        initialize();
        return Host.FEATURES;
    }

    /**
     * The host, asked once: it never changes within a process, and LLVM's feature query runs
     * cpuid for every feature on every call. Only reached after {@link #initialize()} succeeded.
     */
    private static final class Host {
        static final String TRIPLE = Native.takeMessage(LLVMGetDefaultTargetTriple());
        static final String CPU = Native.takeMessage(LLVMGetHostCPUName());
        static final String FEATURES = Native.takeMessage(LLVMGetHostCPUFeatures());
    }
}

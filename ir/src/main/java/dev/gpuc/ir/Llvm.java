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
        return Native.takeMessage(LLVMGetDefaultTargetTriple());
    }

    public static String hostCpu() {
        initialize();
        return Native.takeMessage(LLVMGetHostCPUName());
    }

    public static String hostFeatures() {
        initialize();
        return Native.takeMessage(LLVMGetHostCPUFeatures());
    }
}

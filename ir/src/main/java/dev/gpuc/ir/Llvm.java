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

    private static final class Holder {
        static final String VERSION = init();

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

    /** Loads LLVM and registers every target; thread-safe and idempotent. */
    public static void initialize() {
        if (Holder.VERSION == null) {
            throw new IllegalStateException("LLVM failed to initialise");
        }
    }

    /** The LLVM version gpuc runs on, such as {@code 20.1.7}. */
    public static String version() {
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

package dev.gpuc.ir;

/**
 * LLVM calling-convention numbers that gpuc's backends use. Calling conventions are open
 * integers in LLVM, so this is a set of names, not a closed type.
 */
public final class CallingConvention {
    private CallingConvention() {}

    public static final int C = 0;
    public static final int FAST = 8;
    public static final int PTX_KERNEL = 71;
    public static final int PTX_DEVICE = 72;
    public static final int SPIR_FUNC = 75;
    public static final int SPIR_KERNEL = 76;
    public static final int AMDGPU_KERNEL = 91;
}

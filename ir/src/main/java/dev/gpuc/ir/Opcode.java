package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import java.util.HashMap;
import java.util.Map;

/** LLVM instruction and constant-expression opcodes, with the C API's numbering. */
public enum Opcode {
    RET(LLVMRet), BR(LLVMBr), SWITCH(LLVMSwitch), INDIRECT_BR(LLVMIndirectBr), INVOKE(LLVMInvoke),
    UNREACHABLE(LLVMUnreachable), CALL_BR(LLVMCallBr), FNEG(LLVMFNeg), ADD(LLVMAdd), FADD(LLVMFAdd),
    SUB(LLVMSub), FSUB(LLVMFSub), MUL(LLVMMul), FMUL(LLVMFMul), UDIV(LLVMUDiv), SDIV(LLVMSDiv),
    FDIV(LLVMFDiv), UREM(LLVMURem), SREM(LLVMSRem), FREM(LLVMFRem), SHL(LLVMShl), LSHR(LLVMLShr),
    ASHR(LLVMAShr), AND(LLVMAnd), OR(LLVMOr), XOR(LLVMXor), ALLOCA(LLVMAlloca), LOAD(LLVMLoad),
    STORE(LLVMStore), GET_ELEMENT_PTR(LLVMGetElementPtr), TRUNC(LLVMTrunc), ZEXT(LLVMZExt),
    SEXT(LLVMSExt), FP_TO_UI(LLVMFPToUI), FP_TO_SI(LLVMFPToSI), UI_TO_FP(LLVMUIToFP),
    SI_TO_FP(LLVMSIToFP), FP_TRUNC(LLVMFPTrunc), FP_EXT(LLVMFPExt), PTR_TO_INT(LLVMPtrToInt),
    INT_TO_PTR(LLVMIntToPtr), BIT_CAST(LLVMBitCast), ADDR_SPACE_CAST(LLVMAddrSpaceCast),
    ICMP(LLVMICmp), FCMP(LLVMFCmp), PHI(LLVMPHI), CALL(LLVMCall), SELECT(LLVMSelect),
    USER_OP1(LLVMUserOp1), USER_OP2(LLVMUserOp2), VA_ARG(LLVMVAArg),
    EXTRACT_ELEMENT(LLVMExtractElement), INSERT_ELEMENT(LLVMInsertElement),
    SHUFFLE_VECTOR(LLVMShuffleVector), EXTRACT_VALUE(LLVMExtractValue), INSERT_VALUE(LLVMInsertValue),
    FREEZE(LLVMFreeze), FENCE(LLVMFence), ATOMIC_CMP_XCHG(LLVMAtomicCmpXchg), ATOMIC_RMW(LLVMAtomicRMW),
    RESUME(LLVMResume), LANDING_PAD(LLVMLandingPad), CLEANUP_RET(LLVMCleanupRet),
    CATCH_RET(LLVMCatchRet), CATCH_PAD(LLVMCatchPad), CLEANUP_PAD(LLVMCleanupPad),
    CATCH_SWITCH(LLVMCatchSwitch),
    /** An opcode this enum does not know (a newer LLVM). */
    OTHER(-1);

    private static final Map<Integer, Opcode> BY_CODE = new HashMap<>();

    static {
        for (Opcode op : values()) {
            BY_CODE.put(op.code, op);
        }
    }

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Opcode of(int code) {
        return BY_CODE.getOrDefault(code, OTHER);
    }

    public boolean isCast() {
        return switch (this) {
            case TRUNC, ZEXT, SEXT, FP_TO_UI, FP_TO_SI, UI_TO_FP, SI_TO_FP, FP_TRUNC, FP_EXT,
                 PTR_TO_INT, INT_TO_PTR, BIT_CAST, ADDR_SPACE_CAST -> true;
            default -> false;
        };
    }
}

package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.ir.CStrings;
import dev.gpuc.ir.ValueNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Small conveniences over raw C-API references, for passes that walk IR at a level the
 * {@code ir} views do not cover (constant-expression operands, uses, metadata).
 */
final class Refs {
    private Refs() {}

    static boolean isNull(Pointer p) {
        return p == null || p.isNull();
    }

    static boolean is(LLVMValueRef probeResult) {
        return !isNull(probeResult);
    }

    static String name(LLVMValueRef v) {
        return ValueNames.of(v);
    }

    static void setName(LLVMValueRef v, String name) {
        BytePointer p = CStrings.of(name);
        LLVMSetValueName2(v, p, p.limit());
    }

    /** The value as LLVM prints it, on one line. */
    static String print(LLVMValueRef v) {
        BytePointer p = LLVMPrintValueToString(v);
        try {
            return p.getString(StandardCharsets.UTF_8).strip();
        } finally {
            LLVMDisposeMessage(p);
        }
    }

    /** A type as LLVM prints it, such as {@code ptr addrspace(1)}. */
    static String printType(org.bytedeco.llvm.LLVM.LLVMTypeRef t) {
        BytePointer p = LLVMPrintTypeToString(t);
        try {
            return p.getString(StandardCharsets.UTF_8);
        } finally {
            LLVMDisposeMessage(p);
        }
    }

    static List<LLVMValueRef> globals(LLVMModuleRef m) {
        List<LLVMValueRef> out = new ArrayList<>();
        for (LLVMValueRef g = LLVMGetFirstGlobal(m); !isNull(g); g = LLVMGetNextGlobal(g)) {
            out.add(g);
        }
        return out;
    }

    static List<LLVMValueRef> functions(LLVMModuleRef m) {
        List<LLVMValueRef> out = new ArrayList<>();
        for (LLVMValueRef f = LLVMGetFirstFunction(m); !isNull(f); f = LLVMGetNextFunction(f)) {
            out.add(f);
        }
        return out;
    }

    /** Every instruction of a function, block by block, snapshotted so callers may edit. */
    static List<LLVMValueRef> instructions(LLVMValueRef function) {
        List<LLVMValueRef> out = new ArrayList<>();
        for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(function); !isNull(b); b = LLVMGetNextBasicBlock(b)) {
            for (LLVMValueRef i = LLVMGetFirstInstruction(b); !isNull(i); i = LLVMGetNextInstruction(i)) {
                out.add(i);
            }
        }
        return out;
    }

    /** Users of {@code v}, one entry per use. */
    static List<LLVMValueRef> users(LLVMValueRef v) {
        List<LLVMValueRef> out = new ArrayList<>();
        for (var u = LLVMGetFirstUse(v); !isNull(u); u = LLVMGetNextUse(u)) {
            out.add(LLVMGetUser(u));
        }
        return out;
    }

    /** Whether some global value (variable, function, alias, ifunc) already has this name. */
    static boolean symbolExists(LLVMModuleRef m, String name) {
        BytePointer n = CStrings.of(name);
        return is(LLVMGetNamedGlobal(m, n)) || is(LLVMGetNamedFunction(m, n))
                || is(LLVMGetNamedGlobalAlias(m, n, n.limit())) || is(LLVMGetNamedGlobalIFunc(m, n, n.limit()));
    }

    static boolean isPointer(org.bytedeco.llvm.LLVM.LLVMTypeRef t) {
        return LLVMGetTypeKind(t) == LLVMPointerTypeKind;
    }

    static boolean isInteger(org.bytedeco.llvm.LLVM.LLVMTypeRef t) {
        return LLVMGetTypeKind(t) == LLVMIntegerTypeKind;
    }
}

package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.ir.CStrings;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Functions reachable from entry points through any reference (calls, function pointers in
 * constants, initializers of globals the code touches): what survives internalize + GlobalDCE,
 * so checks on it do not flag code that will be dropped.
 */
final class Reachability {
    private final Set<Long> seen = new HashSet<>();
    private final Deque<LLVMValueRef> work = new ArrayDeque<>();

    /** Addresses of the reachable functions' refs. */
    static Set<Long> functionsFrom(LLVMModuleRef m, Collection<String> entryPoints) {
        Reachability r = new Reachability(m, entryPoints);
        Set<Long> functions = new HashSet<>();
        for (LLVMValueRef f = r.nextFunction(); f != null; f = r.nextFunction()) {
            functions.add(f.address());
            for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(f); !Refs.isNull(b); b = LLVMGetNextBasicBlock(b)) {
                for (LLVMValueRef i = LLVMGetFirstInstruction(b); !Refs.isNull(i); i = LLVMGetNextInstruction(i)) {
                    for (int k = 0, n = LLVMGetNumOperands(i); k < n; k++) {
                        LLVMValueRef op = LLVMGetOperand(i, k);
                        if (!Refs.isNull(op)) {
                            r.reference(op, LLVMGetValueKind(op));
                        }
                    }
                }
            }
        }
        return functions;
    }

    private Reachability(LLVMModuleRef m, Collection<String> entryPoints) {
        for (String name : entryPoints) {
            LLVMValueRef f = LLVMGetNamedFunction(m, CStrings.of(name));
            if (!Refs.isNull(f) && seen.add(f.address())) {
                work.add(f);
            }
        }
    }

    /** The next reachable function not returned before, or null when there is none. */
    private LLVMValueRef nextFunction() {
        while (!work.isEmpty()) {
            LLVMValueRef v = work.pop();
            switch (LLVMGetValueKind(v)) {
                case LLVMFunctionValueKind -> {
                    return v;
                }
                case LLVMGlobalVariableValueKind -> {
                    LLVMValueRef init = LLVMGetInitializer(v);
                    if (!Refs.isNull(init)) {
                        reference(init, LLVMGetValueKind(init));
                    }
                }
                case LLVMGlobalAliasValueKind -> {
                    LLVMValueRef aliasee = LLVMAliasGetAliasee(v);
                    reference(aliasee, LLVMGetValueKind(aliasee));
                }
                default -> {
                    for (int i = 0, n = LLVMGetNumOperands(v); i < n; i++) {
                        LLVMValueRef op = LLVMGetOperand(v, i);
                        if (!Refs.isNull(op)) {
                            reference(op, LLVMGetValueKind(op));
                        }
                    }
                }
            }
        }
        return null;
    }

    /** Follows a value that reachable code uses ({@code kind} is its {@code LLVMGetValueKind}). */
    private void reference(LLVMValueRef v, int kind) {
        if (mayLeadToFunctions(v, kind) && seen.add(v.address())) {
            work.add(v);
        }
    }

    /**
     * Constants, but not plain data: only globals and constants with operands can refer to a
     * function. {@code LLVMGetValueKind} calls a few rare constants (dso_local_equivalent,
     * no_cfi) instructions, so that kind is asked again.
     */
    private static boolean mayLeadToFunctions(LLVMValueRef v, int kind) {
        return switch (kind) {
            case LLVMArgumentValueKind, LLVMBasicBlockValueKind, LLVMMetadataAsValueValueKind, LLVMInlineAsmValueKind,
                 LLVMUndefValueValueKind, LLVMPoisonValueValueKind, LLVMConstantAggregateZeroValueKind,
                 LLVMConstantDataArrayValueKind, LLVMConstantDataVectorValueKind, LLVMConstantIntValueKind,
                 LLVMConstantFPValueKind, LLVMConstantPointerNullValueKind, LLVMConstantTokenNoneValueKind,
                 LLVMConstantTargetNoneValueKind -> false;
            case LLVMInstructionValueKind -> LLVMIsConstant(v) != 0;
            default -> true;
        };
    }
}

package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.*;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Functions reachable from entry points through any reference (calls, function pointers in
 * constants, initializers of globals the code touches): what survives internalize + GlobalDCE,
 * so checks on it do not flag code that will be dropped.
 */
final class Reachability {
    private Reachability() {}

    /** Addresses of the reachable functions' refs. */
    static Set<Long> functionsFrom(LLVMModuleRef m, Collection<String> entryPoints) {
        Set<Long> seen = new HashSet<>();
        Set<Long> functions = new LinkedHashSet<>();
        Deque<LLVMValueRef> work = new ArrayDeque<>();
        for (String name : entryPoints) {
            LLVMValueRef f = LLVMGetNamedFunction(m, name);
            if (!Refs.isNull(f) && seen.add(f.address())) {
                work.add(f);
            }
        }
        while (!work.isEmpty()) {
            LLVMValueRef v = work.pop();
            if (Refs.is(LLVMIsAFunction(v))) {
                functions.add(v.address());
                for (LLVMValueRef inst : Refs.instructions(v)) {
                    enqueueOperands(inst, seen, work);
                }
            } else if (Refs.is(LLVMIsAGlobalVariable(v))) {
                LLVMValueRef init = LLVMGetInitializer(v);
                if (!Refs.isNull(init) && seen.add(init.address())) {
                    work.add(init);
                }
            } else if (Refs.is(LLVMIsAGlobalAlias(v))) {
                LLVMValueRef aliasee = LLVMAliasGetAliasee(v);
                if (seen.add(aliasee.address())) {
                    work.add(aliasee);
                }
            } else if (Refs.is(LLVMIsAConstant(v))) {
                enqueueOperands(v, seen, work);
            }
        }
        return functions;
    }

    private static void enqueueOperands(LLVMValueRef user, Set<Long> seen, Deque<LLVMValueRef> work) {
        int n = LLVMGetNumOperands(user);
        for (int i = 0; i < n; i++) {
            LLVMValueRef op = LLVMGetOperand(user, i);
            if (!Refs.isNull(op) && Refs.is(LLVMIsAConstant(op)) && seen.add(op.address())) {
                work.add(op);
            }
        }
    }
}

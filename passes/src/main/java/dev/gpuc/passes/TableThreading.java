package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.api.RelocationTable;
import dev.gpuc.api.Slot;
import dev.gpuc.api.UnsupportedFeature;
import dev.gpuc.ir.CStrings;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.llvm.LLVM.LLVMBuilderRef;
import org.bytedeco.llvm.LLVM.LLVMContextRef;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/** The TABLE strategy: slot values come from a table pointer threaded through the call graph. */
final class TableThreading {
    private TableThreading() {}

    static void apply(LLVMModuleRef m, RelocationTable table, List<String> entryPoints, int addressSpace) {
        LLVMContextRef ctx = LLVMGetModuleContext(m);
        Set<String> entries = new LinkedHashSet<>(entryPoints);
        Map<Long, Integer> slotIndex = new LinkedHashMap<>();
        List<LLVMValueRef> slotGlobals = new ArrayList<>();
        for (int i = 0; i < table.slots().size(); i++) {
            Slot s = table.slots().get(i);
            int index = i;
            RelocationLowering.global(m, s).ifPresent(g -> {
                for (LLVMValueRef u : Refs.users(g)) {
                    if (!Refs.is(LLVMIsALoadInst(u))) {
                        throw new UnsupportedFeature("slot " + s.name() + " (" + s.key() + ") is used by "
                                + Refs.print(u) + "; under TABLE a slot can only be read");
                    }
                }
                slotIndex.put(g.address(), index);
                slotGlobals.add(g);
            });
        }

        Set<Long> needing = functionsNeedingTable(m, entries, slotGlobals);
        LLVMTypeRef tableType = LLVMPointerTypeInContext(ctx, addressSpace);
        Map<Long, LLVMValueRef> replaced = new LinkedHashMap<>();
        List<LLVMValueRef> originals = new ArrayList<>();
        for (LLVMValueRef f : Refs.functions(m)) {
            if (needing.contains(f.address())) {
                originals.add(f);
                replaced.put(f.address(), Signatures.withTrailingParameter(f, tableType, RelocationLowering.TABLE_PARAMETER));
            }
        }
        LLVMBuilderRef builder = LLVMCreateBuilderInContext(ctx);
        try {
            for (LLVMValueRef old : originals) {
                LLVMValueRef replacement = replaced.get(old.address());
                for (LLVMValueRef user : Refs.users(old)) {
                    if (isDirectCall(user, old)) {
                        Signatures.rebuildCall(user, replacement, tableOf(user), builder);
                    }
                }
            }
            for (LLVMValueRef old : originals) {
                Signatures.retire(old, replaced.get(old.address()));
            }
            LLVMTypeRef i64 = LLVMInt64TypeInContext(ctx);
            for (LLVMValueRef g : slotGlobals) {
                int index = slotIndex.get(g.address());
                for (LLVMValueRef load : Refs.users(g)) {
                    LLVMPositionBuilderBefore(builder, load);
                    LLVMSetCurrentDebugLocation2(builder, LLVMInstructionGetDebugLoc(load));
                    // One index: the overload taking it by reference also takes the name as a C string.
                    LLVMValueRef cell = LLVMBuildInBoundsGEP2(builder, i64, tableOf(load), LLVMConstInt(i64, index, 0), 1,
                            CStrings.EMPTY);
                    LLVMValueRef bits = LLVMBuildLoad2(builder, i64, cell, CStrings.EMPTY);
                    LLVMSetAlignment(bits, 8);
                    LLVMTypeRef want = LLVMTypeOf(load);
                    LLVMValueRef value = Refs.isPointer(want) ? LLVMBuildIntToPtr(builder, bits, want, CStrings.EMPTY)
                            : LLVMBuildIntCast2(builder, bits, want, 0, CStrings.EMPTY);
                    LLVMReplaceAllUsesWith(load, value);
                    LLVMInstructionEraseFromParent(load);
                }
                LLVMDeleteGlobal(g);
            }
        } finally {
            LLVMDisposeBuilder(builder);
        }
    }

    /** Entry points, functions reading slots, and (transitively) every caller of those. */
    private static Set<Long> functionsNeedingTable(LLVMModuleRef m, Set<String> entries, List<LLVMValueRef> slots) {
        Deque<LLVMValueRef> work = new ArrayDeque<>();
        Set<Long> needing = new LinkedHashSet<>();
        for (String e : entries) {
            LLVMValueRef f = LLVMGetNamedFunction(m, CStrings.of(e));
            if (!Refs.isNull(f) && LLVMCountBasicBlocks(f) > 0 && needing.add(f.address())) {
                work.add(f);
            }
        }
        for (LLVMValueRef g : slots) {
            for (LLVMValueRef load : Refs.users(g)) {
                LLVMValueRef f = LLVMGetBasicBlockParent(LLVMGetInstructionParent(load));
                if (needing.add(f.address())) {
                    work.add(f);
                }
            }
        }
        while (!work.isEmpty()) {
            LLVMValueRef f = work.pop();
            boolean entry = entries.contains(Refs.name(f));
            for (LLVMValueRef user : Refs.users(f)) {
                if (isDirectCall(user, f)) {
                    LLVMValueRef caller = LLVMGetBasicBlockParent(LLVMGetInstructionParent(user));
                    if (needing.add(caller.address())) {
                        work.add(caller);
                    }
                } else if (!entry) {
                    throw new UnsupportedFeature("function @" + Refs.name(f) + " reads runtime-global slots and is used by "
                            + Refs.print(user) + "; under TABLE the table can only be passed along direct calls");
                }
            }
        }
        return needing;
    }

    private static boolean isDirectCall(LLVMValueRef user, LLVMValueRef f) {
        if (!Refs.is(LLVMIsAInstruction(user)) || LLVMGetInstructionOpcode(user) != LLVMCall
                || LLVMGetCalledValue(user).address() != f.address()) {
            return false;
        }
        int n = LLVMGetNumArgOperands(user);
        for (int i = 0; i < n; i++) {
            if (LLVMGetOperand(user, i).address() == f.address()) {
                return false;
            }
        }
        return true;
    }

    /** The table parameter of the function holding {@code inst}: its last parameter. */
    private static LLVMValueRef tableOf(LLVMValueRef inst) {
        LLVMValueRef f = LLVMGetBasicBlockParent(LLVMGetInstructionParent(inst));
        return LLVMGetParam(f, LLVMCountParams(f) - 1);
    }
}

package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.api.UnsupportedFeature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.llvm.LLVM.LLVMAttributeRef;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMBuilderRef;
import org.bytedeco.llvm.LLVM.LLVMContextRef;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Changing a function's signature, which LLVM cannot do in place: a new function with the new
 * type takes over the body, attributes, metadata and name, and direct calls are rebuilt.
 */
final class Signatures {
    private Signatures() {}

    /**
     * Replaces {@code f} by a function with one more trailing parameter of type {@code type};
     * returns the new function. Calls to {@code f} are left for the caller to rebuild (they
     * still call the old function, which is deleted by {@link #retire}).
     */
    static LLVMValueRef withTrailingParameter(LLVMValueRef f, LLVMTypeRef type, String paramName) {
        LLVMModuleRef m = LLVMGetGlobalParent(f);
        LLVMContextRef ctx = LLVMGetModuleContext(m);
        LLVMTypeRef oldType = LLVMGlobalGetValueType(f);
        int n = LLVMCountParamTypes(oldType);
        PointerPointer<LLVMTypeRef> params = new PointerPointer<>(n + 1);
        LLVMGetParamTypes(oldType, params);
        params.put(n, type);
        LLVMTypeRef newType = LLVMFunctionType(LLVMGetReturnType(oldType), params, n + 1, LLVMIsFunctionVarArg(oldType));
        String name = Refs.name(f);
        LLVMValueRef g = LLVMAddFunction(m, name + ".gpuc.retyped", newType);

        LLVMSetFunctionCallConv(g, LLVMGetFunctionCallConv(f));
        LLVMSetLinkage(g, LLVMGetLinkage(f));
        LLVMSetVisibility(g, LLVMGetVisibility(f));
        LLVMSetDLLStorageClass(g, LLVMGetDLLStorageClass(f));
        LLVMSetUnnamedAddress(g, LLVMGetUnnamedAddress(f));
        LLVMSetAlignment(g, LLVMGetAlignment(f));
        var section = LLVMGetSection(f);
        if (!Refs.isNull(section)) {
            LLVMSetSection(g, section);
        }
        var gc = LLVMGetGC(f);
        if (!Refs.isNull(gc)) {
            LLVMSetGC(g, gc);
        }
        if (LLVMHasPersonalityFn(f) != 0) {
            LLVMSetPersonalityFn(g, LLVMGetPersonalityFn(f));
        }
        copyAttributes(f, g, LLVMAttributeFunctionIndex);
        copyAttributes(f, g, LLVMAttributeReturnIndex);
        for (int i = 1; i <= n; i++) {
            copyAttributes(f, g, i);
        }
        copyMetadata(f, g);

        // Debug records hang off instructions and would stay behind (lost) when those move; as
        // debug intrinsics they are instructions and move with the rest.
        boolean records = LLVMIsNewDbgInfoFormat(m) != 0;
        if (records) {
            LLVMSetIsNewDbgInfoFormat(m, 0);
        }
        try {
            moveBody(f, g, ctx);
        } finally {
            if (records) {
                LLVMSetIsNewDbgInfoFormat(m, 1);
                dropUnusedDebugIntrinsics(m);
            }
        }
        for (int i = 0; i < n; i++) {
            LLVMValueRef oldParam = LLVMGetParam(f, i);
            LLVMValueRef newParam = LLVMGetParam(g, i);
            Refs.setName(newParam, Refs.name(oldParam));
            LLVMReplaceAllUsesWith(oldParam, newParam);
        }
        Refs.setName(LLVMGetParam(g, n), paramName);
        return g;
    }

    /**
     * Moves the body instruction by instruction: LLVM 20's {@code LLVMMoveBasicBlockBefore} does
     * not re-parent a block moved to another function (the module then crashes the printer), so
     * blocks are recreated and each instruction is unlinked and reinserted, keeping its identity
     * and thus its uses.
     */
    private static void moveBody(LLVMValueRef from, LLVMValueRef to, LLVMContextRef ctx) {
        List<LLVMBasicBlockRef> blocks = new ArrayList<>();
        List<LLVMBasicBlockRef> copies = new ArrayList<>();
        for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(from); !Refs.isNull(b); b = LLVMGetNextBasicBlock(b)) {
            blocks.add(b);
            copies.add(LLVMAppendBasicBlockInContext(ctx, to, LLVMGetBasicBlockName(b)));
        }
        LLVMBuilderRef builder = LLVMCreateBuilderInContext(ctx);
        try {
            for (int k = 0; k < blocks.size(); k++) {
                LLVMPositionBuilderAtEnd(builder, copies.get(k));
                List<LLVMValueRef> instructions = new ArrayList<>();
                for (LLVMValueRef i = LLVMGetFirstInstruction(blocks.get(k)); !Refs.isNull(i); i = LLVMGetNextInstruction(i)) {
                    instructions.add(i);
                }
                for (LLVMValueRef i : instructions) {
                    String name = Refs.name(i);
                    LLVMInstructionRemoveFromParent(i);
                    LLVMInsertIntoBuilderWithName(builder, i, name);
                }
            }
            retargetPhis(blocks, copies, builder);
        } finally {
            LLVMDisposeBuilder(builder);
        }
        for (int k = 0; k < blocks.size(); k++) {
            LLVMReplaceAllUsesWith(LLVMBasicBlockAsValue(blocks.get(k)), LLVMBasicBlockAsValue(copies.get(k)));
            LLVMDeleteBasicBlock(blocks.get(k));
        }
    }

    /**
     * A phi's incoming blocks are not uses, so replacing the old blocks' uses leaves phis naming
     * blocks that are about to be deleted (the verifier or printer then reads freed memory; this
     * crashed the JVM). The C API cannot change an incoming block, so each phi is rebuilt with
     * the new blocks in place of the old.
     */
    private static void retargetPhis(List<LLVMBasicBlockRef> blocks, List<LLVMBasicBlockRef> copies,
                                     LLVMBuilderRef builder) {
        Map<Long, LLVMBasicBlockRef> copyOf = new HashMap<>();
        for (int k = 0; k < blocks.size(); k++) {
            copyOf.put(blocks.get(k).address(), copies.get(k));
        }
        for (LLVMBasicBlockRef block : copies) {
            List<LLVMValueRef> phis = new ArrayList<>();
            for (LLVMValueRef i = LLVMGetFirstInstruction(block); Refs.is(i) && Refs.is(LLVMIsAPHINode(i));
                 i = LLVMGetNextInstruction(i)) {
                phis.add(i);
            }
            for (LLVMValueRef old : phis) {
                LLVMPositionBuilderBefore(builder, old);
                LLVMValueRef phi = LLVMBuildPhi(builder, LLVMTypeOf(old), "");
                int n = LLVMCountIncoming(old);
                try (PointerPointer<LLVMValueRef> values = new PointerPointer<>(n);
                     PointerPointer<LLVMBasicBlockRef> froms = new PointerPointer<>(n)) {
                    for (int k = 0; k < n; k++) {
                        LLVMBasicBlockRef from = LLVMGetIncomingBlock(old, k);
                        values.put(k, LLVMGetIncomingValue(old, k));
                        froms.put(k, copyOf.getOrDefault(from.address(), from));
                    }
                    LLVMAddIncoming(phi, values, froms, n);
                }
                if (LLVMCanValueUseFastMathFlags(old) != 0) {
                    LLVMSetFastMathFlags(phi, LLVMGetFastMathFlags(old));
                }
                LLVMInstructionSetDebugLoc(phi, LLVMInstructionGetDebugLoc(old));
                String name = Refs.name(old);
                LLVMReplaceAllUsesWith(old, phi);
                LLVMInstructionEraseFromParent(old);
                Refs.setName(phi, name);
            }
        }
    }

    /** The {@code llvm.dbg.*} declarations the round trip through debug intrinsics left behind. */
    private static void dropUnusedDebugIntrinsics(LLVMModuleRef m) {
        for (LLVMValueRef f : Refs.functions(m)) {
            if (Refs.name(f).startsWith("llvm.dbg.") && Refs.isNull(LLVMGetFirstUse(f))) {
                LLVMDeleteFunction(f);
            }
        }
    }

    /**
     * Rebuilds a direct call of an old function as a call of its replacement with {@code extra}
     * appended to the arguments.
     */
    static void rebuildCall(LLVMValueRef call, LLVMValueRef replacement, LLVMValueRef extra, LLVMBuilderRef builder) {
        if (LLVMGetInstructionOpcode(call) != LLVMCall) {
            throw new UnsupportedFeature("cannot add an argument to " + Refs.print(call)
                    + ": only plain calls can be rewritten");
        }
        int n = LLVMGetNumArgOperands(call);
        PointerPointer<LLVMValueRef> args = new PointerPointer<>(n + 1);
        for (int i = 0; i < n; i++) {
            args.put(i, LLVMGetOperand(call, i));
        }
        args.put(n, extra);
        LLVMPositionBuilderBefore(builder, call);
        LLVMSetCurrentDebugLocation2(builder, LLVMInstructionGetDebugLoc(call));
        String name = Refs.name(call);
        LLVMValueRef rebuilt = LLVMBuildCall2(builder, LLVMGlobalGetValueType(replacement), replacement, args, n + 1, "");
        LLVMSetInstructionCallConv(rebuilt, LLVMGetInstructionCallConv(call));
        LLVMSetTailCallKind(rebuilt, LLVMGetTailCallKind(call));
        copyCallSiteAttributes(call, rebuilt, LLVMAttributeFunctionIndex);
        copyCallSiteAttributes(call, rebuilt, LLVMAttributeReturnIndex);
        for (int i = 1; i <= n; i++) {
            copyCallSiteAttributes(call, rebuilt, i);
        }
        LLVMReplaceAllUsesWith(call, rebuilt);
        LLVMInstructionEraseFromParent(call);
        if (!name.isEmpty()) {
            Refs.setName(rebuilt, name);
        }
    }

    /** Deletes the old function (other uses go to the replacement) and gives its name back. */
    static void retire(LLVMValueRef old, LLVMValueRef replacement) {
        String name = Refs.name(old);
        LLVMReplaceAllUsesWith(old, replacement);
        LLVMDeleteFunction(old);
        Refs.setName(replacement, name);
    }

    private static void copyAttributes(LLVMValueRef from, LLVMValueRef to, int index) {
        int count = LLVMGetAttributeCountAtIndex(from, index);
        if (count == 0) {
            return;
        }
        PointerPointer<LLVMAttributeRef> attrs = new PointerPointer<>(count);
        LLVMGetAttributesAtIndex(from, index, attrs);
        for (int i = 0; i < count; i++) {
            LLVMAddAttributeAtIndex(to, index, attrs.get(LLVMAttributeRef.class, i));
        }
    }

    private static void copyCallSiteAttributes(LLVMValueRef from, LLVMValueRef to, int index) {
        int count = LLVMGetCallSiteAttributeCount(from, index);
        if (count == 0) {
            return;
        }
        PointerPointer<LLVMAttributeRef> attrs = new PointerPointer<>(count);
        LLVMGetCallSiteAttributes(from, index, attrs);
        for (int i = 0; i < count; i++) {
            LLVMAddCallSiteAttribute(to, index, attrs.get(LLVMAttributeRef.class, i));
        }
    }

    private static void copyMetadata(LLVMValueRef from, LLVMValueRef to) {
        try (var count = new org.bytedeco.javacpp.SizeTPointer(1)) {
            var entries = LLVMGlobalCopyAllMetadata(from, count);
            if (Refs.isNull(entries)) {
                return;
            }
            try {
                for (int i = 0; i < count.get(); i++) {
                    LLVMGlobalSetMetadata(to, LLVMValueMetadataEntriesGetKind(entries, i),
                            LLVMValueMetadataEntriesGetMetadata(entries, i));
                }
            } finally {
                LLVMDisposeValueMetadataEntries(entries);
            }
        }
    }
}

package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.api.UnsupportedFeature;
import dev.gpuc.ir.CStrings;
import dev.gpuc.ir.OutParameters;
import dev.gpuc.ir.PointerArrays;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.llvm.LLVM.LLVMAttributeRef;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMBuilderRef;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Changing a function's signature, which LLVM cannot do in place: a new function with the new
 * type takes over the body, attributes, metadata and name, and direct calls are rebuilt. Public
 * for backends that retype functions themselves (AMDGPU's by-reference kernel arguments).
 */
public final class Signatures {
    private Signatures() {}

    /**
     * Replaces {@code f} by a function with one more trailing parameter of type {@code type};
     * returns the new function. Calls to {@code f} are left for the caller to rebuild (they
     * still call the old function, which is deleted by {@link #retire}).
     */
    static LLVMValueRef withTrailingParameter(LLVMValueRef f, LLVMTypeRef type, String paramName) {
        LLVMModuleRef m = LLVMGetGlobalParent(f);
        LLVMTypeRef oldType = LLVMGlobalGetValueType(f);
        int n = LLVMCountParamTypes(oldType);
        PointerPointer<LLVMTypeRef> params = PointerArrays.scratch(n + 1);
        LLVMGetParamTypes(oldType, params);
        params.put(n, type);
        LLVMTypeRef newType = LLVMFunctionType(LLVMGetReturnType(oldType), params, n + 1, LLVMIsFunctionVarArg(oldType));
        LLVMValueRef g = LLVMAddFunction(m, CStrings.of(Refs.name(f) + ".gpuc.retyped"), newType);
        copyProperties(f, g);
        for (int i = 1; i <= n; i++) {
            copyAttributes(f, g, i, 0);
        }
        moveBody(f, g);
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
     * Everything about the function itself, not its parameters (those are what changes):
     * calling convention, linkage, visibility, DLL storage, {@code unnamed_addr}, alignment,
     * section, GC, personality, function and return attributes, metadata.
     */
    public static void copyProperties(LLVMValueRef from, LLVMValueRef to) {
        LLVMSetFunctionCallConv(to, LLVMGetFunctionCallConv(from));
        LLVMSetLinkage(to, LLVMGetLinkage(from));
        LLVMSetVisibility(to, LLVMGetVisibility(from));
        LLVMSetDLLStorageClass(to, LLVMGetDLLStorageClass(from));
        LLVMSetUnnamedAddress(to, LLVMGetUnnamedAddress(from));
        LLVMSetAlignment(to, LLVMGetAlignment(from));
        var section = LLVMGetSection(from);
        if (!Refs.isNull(section)) {
            LLVMSetSection(to, section);
        }
        var gc = LLVMGetGC(from);
        if (!Refs.isNull(gc)) {
            LLVMSetGC(to, gc);
        }
        if (LLVMHasPersonalityFn(from) != 0) {
            LLVMSetPersonalityFn(to, LLVMGetPersonalityFn(from));
        }
        copyAttributes(from, to, LLVMAttributeFunctionIndex, 0);
        copyAttributes(from, to, LLVMAttributeReturnIndex, 0);
        copyMetadata(from, to);
    }

    /**
     * Moves every block of {@code from} to the end of {@code to}. The blocks keep their identity,
     * so branches, phis and debug records stay as they were; uses of {@code from}'s parameters
     * are the caller's to replace. (Blocks are unlinked and appended:
     * {@code LLVMMoveBasicBlockBefore} does not re-parent a block moved to another function, and
     * recreating blocks instruction by instruction left phis naming deleted blocks.)
     */
    public static void moveBody(LLVMValueRef from, LLVMValueRef to) {
        List<LLVMBasicBlockRef> blocks = new ArrayList<>();
        for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(from); !Refs.isNull(b); b = LLVMGetNextBasicBlock(b)) {
            blocks.add(b);
        }
        for (LLVMBasicBlockRef b : blocks) {
            LLVMRemoveBasicBlockFromParent(b);
            LLVMAppendExistingBasicBlock(to, b);
        }
    }

    /**
     * Copies the attributes at {@code index} (a parameter's is its position plus one), except
     * the enum attribute of kind {@code skipKind} (0: none).
     */
    public static void copyAttributes(LLVMValueRef from, LLVMValueRef to, int index, int skipKind) {
        int count = LLVMGetAttributeCountAtIndex(from, index);
        if (count == 0) {
            return;
        }
        PointerPointer<LLVMAttributeRef> attrs = PointerArrays.scratch(count);
        LLVMGetAttributesAtIndex(from, index, attrs);
        for (int i = 0; i < count; i++) {
            LLVMAttributeRef a = attrs.get(LLVMAttributeRef.class, i);
            boolean skip = skipKind != 0 && LLVMIsStringAttribute(a) == 0 && LLVMGetEnumAttributeKind(a) == skipKind;
            if (!skip) {
                LLVMAddAttributeAtIndex(to, index, a);
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
        LLVMPositionBuilderBefore(builder, call);
        LLVMSetCurrentDebugLocation2(builder, LLVMInstructionGetDebugLoc(call));
        String name = Refs.name(call);
        PointerPointer<LLVMValueRef> args = PointerArrays.scratch(n + 1);
        for (int i = 0; i < n; i++) {
            args.put(i, LLVMGetOperand(call, i));
        }
        args.put(n, extra);
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

    private static void copyCallSiteAttributes(LLVMValueRef from, LLVMValueRef to, int index) {
        int count = LLVMGetCallSiteAttributeCount(from, index);
        if (count == 0) {
            return;
        }
        PointerPointer<LLVMAttributeRef> attrs = PointerArrays.scratch(count);
        LLVMGetCallSiteAttributes(from, index, attrs);
        for (int i = 0; i < count; i++) {
            LLVMAddCallSiteAttribute(to, index, attrs.get(LLVMAttributeRef.class, i));
        }
    }

    private static void copyMetadata(LLVMValueRef from, LLVMValueRef to) {
        var size = OutParameters.size();
        var entries = LLVMGlobalCopyAllMetadata(from, size);
        if (Refs.isNull(entries)) {
            return;
        }
        long count = size.get();
        try {
            for (int i = 0; i < count; i++) {
                LLVMGlobalSetMetadata(to, LLVMValueMetadataEntriesGetKind(entries, i),
                        LLVMValueMetadataEntriesGetMetadata(entries, i));
            }
        } finally {
            LLVMDisposeValueMetadataEntries(entries);
        }
    }
}

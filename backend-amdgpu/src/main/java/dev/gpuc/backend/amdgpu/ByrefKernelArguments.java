package dev.gpuc.backend.amdgpu;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.ir.AttributeKinds;
import dev.gpuc.ir.Function;
import dev.gpuc.ir.Module;
import dev.gpuc.passes.Signatures;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.llvm.LLVM.LLVMAttributeRef;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMBuilderRef;
import org.bytedeco.llvm.LLVM.LLVMContextRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Aggregates a front end passes to a kernel as {@code ptr byval(T)} (the CPU and NVPTX form)
 * become {@code ptr addrspace(4) byref(T)}: the aggregate stays where the runtime put it, in
 * the kernarg segment of the constant address space, which is what clang emits for HIP. LLVM's
 * verifier rejects {@code byval} on {@code amdgpu_kernel} functions outright.
 *
 * <p>{@code byval} promised the body a copy of its own that it may write, so the body gets one
 * (an {@code alloca} in the private address space, filled by a {@code memcpy} and cast to the
 * address space the body used); optimisation removes the copy when the body only reads it.
 * A function's type cannot change in place, so the kernel is rebuilt: a new function with the
 * new parameter types takes over the old one's blocks, attributes, metadata and name (passes'
 * {@link Signatures}, which the TABLE strategy uses the same way).
 */
final class ByrefKernelArguments {
    static final int CONSTANT_ADDRESS_SPACE = 4;

    private ByrefKernelArguments() {}

    /** Rewrites {@code kernel} when it has {@code byval} parameters; returns the function now carrying its name. */
    static Function apply(Module module, Function kernel) {
        if (kernel.isDeclaration()) {
            return kernel;
        }
        LLVMValueRef old = kernel.unwrap();
        int count = LLVMCountParams(old);
        int byval = kind("byval");
        LLVMTypeRef[] byvalTypes = new LLVMTypeRef[count];
        boolean any = false;
        for (int i = 0; i < count; i++) {
            LLVMAttributeRef a = LLVMGetEnumAttributeAtIndex(old, i + 1, byval);
            if (a != null && !a.isNull()) {
                byvalTypes[i] = LLVMGetTypeAttributeValue(a);
                any = true;
            }
        }
        if (!any) {
            return kernel;
        }
        String name = kernel.name();
        kernel.setName(name + ".byval");
        LLVMValueRef fresh = LLVMAddFunction(module.unwrap(), name, rewrittenType(module, old, byvalTypes));
        Signatures.copyProperties(old, fresh);
        for (int i = 0; i < count; i++) {
            Signatures.copyAttributes(old, fresh, i + 1, byval);
            if (byvalTypes[i] != null) {
                LLVMAddAttributeAtIndex(fresh, i + 1,
                        LLVMCreateTypeAttribute(module.context().unwrap(), kind("byref"), byvalTypes[i]));
            }
        }
        Signatures.moveBody(old, fresh);
        replaceParameters(module, old, fresh, byvalTypes);
        LLVMReplaceAllUsesWith(old, fresh);
        LLVMDeleteFunction(old);
        return module.function(name).orElseThrow();
    }

    private static LLVMTypeRef rewrittenType(Module module, LLVMValueRef old, LLVMTypeRef[] byvalTypes) {
        LLVMTypeRef type = LLVMGlobalGetValueType(old);
        int count = byvalTypes.length;
        try (PointerPointer<LLVMTypeRef> params = new PointerPointer<>(Math.max(1, count))) {
            LLVMGetParamTypes(type, params);
            for (int i = 0; i < count; i++) {
                if (byvalTypes[i] != null) {
                    params.put(i, LLVMPointerTypeInContext(module.context().unwrap(), CONSTANT_ADDRESS_SPACE));
                }
            }
            return LLVMFunctionType(LLVMGetReturnType(type), params, count, LLVMIsFunctionVarArg(type));
        }
    }

    /** Points the moved body at the new parameters, giving each former byval parameter its private copy. */
    private static void replaceParameters(Module module, LLVMValueRef old, LLVMValueRef fresh, LLVMTypeRef[] byvalTypes) {
        LLVMBasicBlockRef entry = LLVMGetFirstBasicBlock(fresh);
        LLVMContextRef context = module.context().unwrap();
        LLVMBuilderRef builder = LLVMCreateBuilderInContext(context);
        try {
            LLVMPositionBuilderBefore(builder, LLVMGetFirstInstruction(entry));
            for (int i = 0; i < byvalTypes.length; i++) {
                LLVMValueRef before = LLVMGetParam(old, i);
                LLVMValueRef after = LLVMGetParam(fresh, i);
                String name = LLVMGetValueName(before).getString();
                LLVMSetValueName(after, name);
                if (byvalTypes[i] == null) {
                    LLVMReplaceAllUsesWith(before, after);
                    continue;
                }
                int align = Math.max(1, (int) alignment(old, i + 1, module, byvalTypes[i]));
                LLVMValueRef copy = LLVMBuildAlloca(builder, byvalTypes[i], name + ".copy");
                LLVMSetAlignment(copy, align);
                long size = LLVMABISizeOfType(LLVMGetModuleDataLayout(module.unwrap()), byvalTypes[i]);
                LLVMBuildMemCpy(builder, copy, align, after, align, LLVMConstInt(LLVMInt64TypeInContext(context), size, 0));
                LLVMTypeRef wanted = LLVMTypeOf(before);
                LLVMValueRef replacement = LLVMGetPointerAddressSpace(LLVMTypeOf(copy)) == LLVMGetPointerAddressSpace(wanted)
                        ? copy : LLVMBuildAddrSpaceCast(builder, copy, wanted, name + ".cast");
                LLVMReplaceAllUsesWith(before, replacement);
            }
        } finally {
            LLVMDisposeBuilder(builder);
        }
    }

    /** The parameter's {@code align}, or the type's ABI alignment when it has none. */
    private static long alignment(LLVMValueRef function, int index, Module module, LLVMTypeRef type) {
        LLVMAttributeRef a = LLVMGetEnumAttributeAtIndex(function, index, kind("align"));
        return a != null && !a.isNull() ? LLVMGetEnumAttributeValue(a)
                : LLVMABIAlignmentOfType(LLVMGetModuleDataLayout(module.unwrap()), type);
    }

    private static int kind(String attribute) {
        return AttributeKinds.of(attribute);
    }
}

package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;

/** An LLVM type; valid while its {@link Context} is open. */
public final class Type {
    public enum Kind { VOID, HALF, BFLOAT, FLOAT, DOUBLE, X86_FP80, FP128, PPC_FP128, LABEL, INTEGER,
        FUNCTION, STRUCT, ARRAY, POINTER, VECTOR, SCALABLE_VECTOR, METADATA, TOKEN, TARGET_EXT, OTHER }

    private final Context context;
    private final LLVMTypeRef ref;

    Type(Context context, LLVMTypeRef ref) {
        this.context = context;
        this.ref = ref;
    }

    LLVMTypeRef ref() {
        context.checkOpen();
        return ref;
    }

    public LLVMTypeRef unwrap() {
        return ref();
    }

    public Context context() {
        return context;
    }

    /** The raw type, for use with {@code owner}'s objects: LLVM does not check, so mixing contexts corrupts memory. */
    LLVMTypeRef refIn(Context owner) {
        if (context != owner) {
            throw new IllegalArgumentException("type " + this + " belongs to another context");
        }
        return ref();
    }

    static PointerPointer<LLVMTypeRef> refs(List<Type> types, Context owner) {
        PointerPointer<LLVMTypeRef> p = PointerArrays.scratch(types.size());
        for (int i = 0; i < types.size(); i++) {
            p.put(i, types.get(i).refIn(owner));
        }
        return p;
    }

    public Kind kind() {
        return switch (LLVMGetTypeKind(ref())) {
            case LLVMVoidTypeKind -> Kind.VOID;
            case LLVMHalfTypeKind -> Kind.HALF;
            case LLVMBFloatTypeKind -> Kind.BFLOAT;
            case LLVMFloatTypeKind -> Kind.FLOAT;
            case LLVMDoubleTypeKind -> Kind.DOUBLE;
            case LLVMX86_FP80TypeKind -> Kind.X86_FP80;
            case LLVMFP128TypeKind -> Kind.FP128;
            case LLVMPPC_FP128TypeKind -> Kind.PPC_FP128;
            case LLVMLabelTypeKind -> Kind.LABEL;
            case LLVMIntegerTypeKind -> Kind.INTEGER;
            case LLVMFunctionTypeKind -> Kind.FUNCTION;
            case LLVMStructTypeKind -> Kind.STRUCT;
            case LLVMArrayTypeKind -> Kind.ARRAY;
            case LLVMPointerTypeKind -> Kind.POINTER;
            case LLVMVectorTypeKind -> Kind.VECTOR;
            case LLVMScalableVectorTypeKind -> Kind.SCALABLE_VECTOR;
            case LLVMMetadataTypeKind -> Kind.METADATA;
            case LLVMTokenTypeKind -> Kind.TOKEN;
            case LLVMTargetExtTypeKind -> Kind.TARGET_EXT;
            default -> Kind.OTHER;
        };
    }

    public boolean isPointer() {
        return kind() == Kind.POINTER;
    }

    public boolean isInteger() {
        return kind() == Kind.INTEGER;
    }

    public boolean isFloatingPoint() {
        return switch (kind()) {
            case HALF, BFLOAT, FLOAT, DOUBLE, X86_FP80, FP128, PPC_FP128 -> true;
            default -> false;
        };
    }

    /** Bit width of an integer type. */
    public int intWidth() {
        require(Kind.INTEGER);
        return LLVMGetIntTypeWidth(ref);
    }

    public int pointerAddressSpace() {
        require(Kind.POINTER);
        return LLVMGetPointerAddressSpace(ref);
    }

    /** Element type of an array or vector. */
    public Type elementType() {
        Kind k = kind();
        if (k != Kind.ARRAY && k != Kind.VECTOR && k != Kind.SCALABLE_VECTOR) {
            throw new IllegalStateException("not an array or vector type: " + this);
        }
        return new Type(context, LLVMGetElementType(ref));
    }

    public long arrayLength() {
        require(Kind.ARRAY);
        return LLVMGetArrayLength2(ref);
    }

    public int vectorSize() {
        Kind k = kind();
        if (k != Kind.VECTOR && k != Kind.SCALABLE_VECTOR) {
            throw new IllegalStateException("not a vector type: " + this);
        }
        return LLVMGetVectorSize(ref);
    }

    /** Element types of a struct, or the parameter types of a function type. */
    public List<Type> members() {
        Kind k = kind();
        if (k == Kind.STRUCT) {
            int n = LLVMCountStructElementTypes(ref);
            List<Type> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new Type(context, LLVMStructGetTypeAtIndex(ref, i)));
            }
            return out;
        }
        if (k == Kind.FUNCTION) {
            int n = LLVMCountParamTypes(ref);
            PointerPointer<LLVMTypeRef> p = PointerArrays.scratch(n);
            LLVMGetParamTypes(ref, p);
            List<Type> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new Type(context, p.get(LLVMTypeRef.class, i)));
            }
            return out;
        }
        throw new IllegalStateException("not a struct or function type: " + this);
    }

    public Type returnType() {
        require(Kind.FUNCTION);
        return new Type(context, LLVMGetReturnType(ref));
    }

    public boolean isVarArg() {
        require(Kind.FUNCTION);
        return LLVMIsFunctionVarArg(ref) != 0;
    }

    /** Name of a named struct, or empty for a literal one. */
    public String structName() {
        require(Kind.STRUCT);
        org.bytedeco.javacpp.BytePointer name = LLVMGetStructName(ref);
        return name == null || name.isNull() ? "" : name.getString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void require(Kind kind) {
        if (kind() != kind) {
            throw new IllegalStateException("expected " + kind + " type, got " + this);
        }
    }

    @Override
    public String toString() {
        return Native.takeMessage(LLVMPrintTypeToString(ref()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Type t && t.ref.address() == ref.address();
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ref.address());
    }
}

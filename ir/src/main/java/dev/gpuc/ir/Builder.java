package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import java.util.List;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.llvm.LLVM.LLVMBuilderRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/** An instruction builder positioned in one module's functions; owned. */
public final class Builder extends Owned {
    private final Module module;
    private final LLVMBuilderRef ref;

    public Builder(Module module) {
        module.checkOpen();
        this.module = module;
        this.ref = LLVMCreateBuilderInContext(module.context().ref());
    }

    private LLVMBuilderRef ref() {
        checkOpen();
        module.checkOpen();
        return ref;
    }

    public Builder positionAtEnd(BasicBlock block) {
        LLVMPositionBuilderAtEnd(ref(), block.refIn(module.context()));
        return this;
    }

    public Builder positionBefore(Instruction instruction) {
        LLVMPositionBuilderBefore(ref(), in(instruction));
        return this;
    }

    private Value wrap(LLVMValueRef v) {
        return Value.of(module, v);
    }

    // Operands must come from this builder's context: LLVM does not check, and mixing corrupts memory.

    private LLVMValueRef in(Value v) {
        return v.refIn(module.context());
    }

    private org.bytedeco.llvm.LLVM.LLVMTypeRef in(Type t) {
        return t.refIn(module.context());
    }

    public Value load(Type type, Value pointer, String name) {
        return wrap(LLVMBuildLoad2(ref(), in(type), in(pointer), CStrings.of(name)));
    }

    public Value store(Value value, Value pointer) {
        return wrap(LLVMBuildStore(ref(), in(value), in(pointer)));
    }

    public Value call(Type functionType, Value callee, List<Value> args, String name) {
        PointerPointer<LLVMValueRef> p = PointerArrays.scratch(args.size());
        for (int i = 0; i < args.size(); i++) {
            p.put(i, in(args.get(i)));
        }
        return wrap(LLVMBuildCall2(ref(), in(functionType), in(callee), p, args.size(), name));
    }

    /** {@code getelementptr inbounds i8, ptr base, i64 offset}. */
    public Value bytePointer(Value base, long offset, String name) {
        Type i8 = module.context().intType(8);
        LLVMValueRef idx = LLVMConstInt(LLVMInt64TypeInContext(module.context().ref()), offset, 0);
        // One index: the overload that takes it by reference, which also takes the name as a C string.
        return wrap(LLVMBuildInBoundsGEP2(ref(), i8.ref(), in(base), idx, 1, CStrings.of(name)));
    }

    public Value gep(Type sourceType, Value base, List<Value> indices, String name) {
        PointerPointer<LLVMValueRef> p = PointerArrays.scratch(indices.size());
        for (int i = 0; i < indices.size(); i++) {
            p.put(i, in(indices.get(i)));
        }
        return wrap(LLVMBuildGEP2(ref(), in(sourceType), in(base), p, indices.size(), name));
    }

    public Value cast(Opcode op, Value value, Type to, String name) {
        if (!op.isCast()) {
            throw new IllegalArgumentException(op + " is not a cast");
        }
        return wrap(LLVMBuildCast(ref(), op.code(), in(value), in(to), CStrings.of(name)));
    }

    public Value binary(Opcode op, Value lhs, Value rhs, String name) {
        return wrap(LLVMBuildBinOp(ref(), op.code(), in(lhs), in(rhs), CStrings.of(name)));
    }

    public Value alloca(Type type, String name) {
        return wrap(LLVMBuildAlloca(ref(), in(type), CStrings.of(name)));
    }

    public Value ret(Value value) {
        return wrap(LLVMBuildRet(ref(), in(value)));
    }

    public Value retVoid() {
        return wrap(LLVMBuildRetVoid(ref()));
    }

    public Value unreachable() {
        return wrap(LLVMBuildUnreachable(ref()));
    }

    public Value br(BasicBlock target) {
        return wrap(LLVMBuildBr(ref(), target.refIn(module.context())));
    }

    @Override
    protected void release() {
        LLVMDisposeBuilder(ref);
    }
}

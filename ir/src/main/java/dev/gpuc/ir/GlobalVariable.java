package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import java.util.Optional;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/** A global variable: initializer, constant-ness, {@code externally_initialized}, thread-locality. */
public final class GlobalVariable extends GlobalValue {
    GlobalVariable(Module module, LLVMValueRef ref) {
        super(module, ref);
    }

    public Optional<Value> initializer() {
        return Optional.ofNullable(Value.of(module, LLVMGetInitializer(ref())));
    }

    public void setInitializer(Value value) {
        LLVMSetInitializer(ref(), value.refIn(module.context()));
    }

    /** Makes this global a declaration (its value supplied by the linker or loader). */
    public void removeInitializer() {
        LLVMSetInitializer(ref(), (LLVMValueRef) null);
    }

    public boolean isGlobalConstant() {
        return LLVMIsGlobalConstant(ref()) != 0;
    }

    public void setGlobalConstant(boolean constant) {
        LLVMSetGlobalConstant(ref(), constant ? 1 : 0);
    }

    public boolean isExternallyInitialized() {
        return LLVMIsExternallyInitialized(ref()) != 0;
    }

    public void setExternallyInitialized(boolean value) {
        LLVMSetExternallyInitialized(ref(), value ? 1 : 0);
    }

    public boolean isThreadLocal() {
        return LLVMIsThreadLocal(ref()) != 0;
    }

    /** Deletes this global; it must have no uses left. */
    public void delete() {
        if (hasUses()) {
            throw new IllegalStateException("global @" + name() + " still has uses");
        }
        LLVMDeleteGlobal(ref());
    }
}

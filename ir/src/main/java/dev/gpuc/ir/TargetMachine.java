package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.llvm.LLVM.LLVMMemoryBufferRef;
import org.bytedeco.llvm.LLVM.LLVMTargetDataRef;
import org.bytedeco.llvm.LLVM.LLVMTargetMachineRef;
import org.bytedeco.llvm.LLVM.LLVMTargetRef;

/** An LLVM target machine, owned; one per compilation (they are not shared between threads). */
public final class TargetMachine extends Owned {
    private final TargetMachineSpec spec;
    private final LLVMTargetMachineRef ref;
    /** How often {@link TargetMachinePool} lent this machine out. */
    private int loans;

    private TargetMachine(TargetMachineSpec spec, LLVMTargetMachineRef ref) {
        this.spec = spec;
        this.ref = ref;
    }

    /** Creates a target machine; an unknown triple is an {@link LlvmException} naming it. */
    public static TargetMachine create(TargetMachineSpec spec) {
        Llvm.initialize();
        LLVMTargetRef target = new LLVMTargetRef();
        BytePointer error = new BytePointer((BytePointer) null);
        if (LLVMGetTargetFromTriple(CStrings.of(spec.triple()), target, error) != 0) {
            throw new LlvmException("unknown target triple '" + spec.triple() + "': " + Native.takeMessage(error));
        }
        LLVMTargetMachineRef tm = LLVMCreateTargetMachine(target, CStrings.of(spec.triple()), CStrings.of(spec.cpu()), CStrings.of(spec.features()),
                spec.optLevel(), spec.relocModel().ordinal(), spec.codeModel().ordinal());
        if (tm == null || tm.isNull()) {
            throw new LlvmException("cannot create a target machine for " + spec);
        }
        return new TargetMachine(spec, tm);
    }

    LLVMTargetMachineRef ref() {
        checkOpen();
        return ref;
    }

    public LLVMTargetMachineRef unwrap() {
        return ref();
    }

    public TargetMachineSpec spec() {
        return spec;
    }

    void lent() {
        loans++;
    }

    int loans() {
        return loans;
    }

    /** The data layout string modules for this target should carry. */
    public String dataLayout() {
        LLVMTargetDataRef data = LLVMCreateTargetDataLayout(ref());
        try {
            return Native.takeMessage(LLVMCopyStringRepOfTargetData(data));
        } finally {
            LLVMDisposeTargetData(data);
        }
    }

    /** Sets the module's triple and data layout to this machine's. */
    public void configure(Module module) {
        module.setTriple(spec.triple());
        module.setDataLayout(dataLayout());
    }

    /**
     * Runs code generation; the module is changed by it (codegen lowers it in place), so
     * emit from a copy when the module is still needed.
     *
     * @throws VerificationException when the module is broken: LLVM's code generator does not
     *                               verify, and broken IR crashes it
     * @throws LlvmException when code generation fails or LLVM reports an error diagnostic
     */
    public byte[] emit(Module module, CodeGenFileType type) {
        module.verify();
        return emitValid(module, type);
    }

    /**
     * {@link #emit} without verifying first, for a module the caller knows to be valid (it
     * verified it and only LLVM's own passes ran since): verification is linear in the module,
     * about as costly as a cheap optimisation pass.
     *
     * @throws LlvmException when code generation fails or LLVM reports an error diagnostic
     */
    public byte[] emitValid(Module module, CodeGenFileType type) {
        LLVMTargetMachineRef machine = ref();
        LLVMMemoryBufferRef out = new LLVMMemoryBufferRef();
        BytePointer error = new BytePointer((BytePointer) null);
        module.context().takeDiagnostics();
        int failed = LLVMTargetMachineEmitToMemoryBuffer(machine, module.ref(),
                type == CodeGenFileType.ASSEMBLY ? LLVMAssemblyFile : LLVMObjectFile, error, out);
        if (failed != 0) {
            String message = Native.takeMessage(error);
            throw new LlvmException("code generation for " + spec.triple() + " failed: "
                    + module.context().takeErrors(message));
        }
        try (MemoryBuffer buffer = new MemoryBuffer(out)) {
            module.context().throwIfErrors("code generation of " + module.name() + " for " + spec.triple());
            return buffer.bytes();
        }
    }

    @Override
    protected void release() {
        LLVMDisposeTargetMachine(ref);
    }
}

package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.llvm.LLVM.LLVMMetadataRef;
import org.bytedeco.llvm.LLVM.LLVMModuleFlagEntry;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMPassBuilderOptionsRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/** An LLVM module, owned: closing it (or its context) disposes it. */
public final class Module extends Owned {
    private final Context context;
    private LLVMModuleRef ref;

    Module(Context context, LLVMModuleRef ref) {
        this.context = context;
        this.ref = ref;
    }

    LLVMModuleRef ref() {
        checkOpen();
        context.checkOpen();
        return ref;
    }

    /** Escape hatch: the raw module, still owned by this handle. */
    public LLVMModuleRef unwrap() {
        return ref();
    }

    public Context context() {
        return context;
    }

    public String name() {
        try (SizeTPointer len = new SizeTPointer(1)) {
            return LLVMGetModuleIdentifier(ref(), len).getString();
        }
    }

    public String triple() {
        BytePointer t = LLVMGetTarget(ref());
        return t == null || t.isNull() ? "" : t.getString();
    }

    public void setTriple(String triple) {
        LLVMSetTarget(ref(), triple);
    }

    public String dataLayout() {
        BytePointer d = LLVMGetDataLayoutStr(ref());
        return d == null || d.isNull() ? "" : d.getString();
    }

    public void setDataLayout(String layout) {
        LLVMSetDataLayout(ref(), layout);
    }

    /** The module as textual IR. */
    public String print() {
        return Native.takeMessage(LLVMPrintModuleToString(ref()));
    }

    /** The module as bitcode; deterministic for identical modules. */
    public byte[] bitcode() {
        try (MemoryBuffer buffer = new MemoryBuffer(LLVMWriteBitcodeToMemoryBuffer(ref()))) {
            return buffer.bytes();
        }
    }

    /** The verifier's report, or empty when the module is valid. */
    public Optional<String> verificationError() {
        BytePointer message = new BytePointer((BytePointer) null);
        int broken = LLVMVerifyModule(ref(), LLVMReturnStatusAction, message);
        String text = Native.takeMessage(message).strip();
        return broken != 0 ? Optional.of(text.isEmpty() ? "module is broken" : text) : Optional.empty();
    }

    /** Throws {@link VerificationException} when LLVM's verifier rejects the module. */
    public void verify() {
        Optional<String> error = verificationError();
        if (error.isPresent()) {
            throw new VerificationException(name() + ": " + error.get());
        }
    }

    /** A deep copy in the same context. */
    public Module copy() {
        return context.adopt(LLVMCloneModule(ref()));
    }

    /**
     * Links {@code source} into this module; {@code source} is consumed (closed) whatever the
     * outcome. With {@code onlyNeeded}, definitions the source brings that this module does not
     * reference are dropped (the source's symbols are internalized, then dead ones removed).
     */
    public void link(Module source, boolean onlyNeeded) {
        if (source.context != context) {
            source.close();
            throw new IllegalArgumentException("cannot link modules from different contexts");
        }
        Set<String> before = new HashSet<>();
        if (onlyNeeded) {
            for (GlobalValue g : globalValues()) {
                if (!g.isDeclaration()) {
                    before.add(g.name());
                }
            }
        }
        LLVMModuleRef src = source.ref();
        source.disown();
        context.takeDiagnostics();
        int failed = LLVMLinkModules2(ref(), src); // destroys src
        if (failed != 0) {
            throw new LlvmException("linking " + name() + " failed: " + context.takeErrors("unknown linker error"));
        }
        if (onlyNeeded) {
            for (GlobalValue g : globalValues()) {
                if (!g.isDeclaration() && !before.contains(g.name()) && !g.name().startsWith("llvm.")) {
                    g.setLinkage(Linkage.INTERNAL);
                    g.setVisibility(Visibility.DEFAULT);
                }
            }
            runPasses("globaldce", null, false);
        }
    }

    /** Hands the native module to a consumer that frees it, closing this handle without disposing. */
    LLVMModuleRef disown() {
        LLVMModuleRef r = ref();
        ref = null;
        close();
        return r;
    }

    public List<GlobalVariable> globals() {
        List<GlobalVariable> out = new ArrayList<>();
        for (LLVMValueRef g = LLVMGetFirstGlobal(ref()); g != null && !g.isNull(); g = LLVMGetNextGlobal(g)) {
            out.add(new GlobalVariable(this, g));
        }
        return out;
    }

    public List<Function> functions() {
        List<Function> out = new ArrayList<>();
        for (LLVMValueRef f = LLVMGetFirstFunction(ref()); f != null && !f.isNull(); f = LLVMGetNextFunction(f)) {
            out.add(new Function(this, f));
        }
        return out;
    }

    /** Globals and functions together. */
    public List<GlobalValue> globalValues() {
        List<GlobalValue> out = new ArrayList<>(globals());
        out.addAll(functions());
        return out;
    }

    public Optional<GlobalVariable> global(String name) {
        LLVMValueRef g = LLVMGetNamedGlobal(ref(), name);
        return g == null || g.isNull() ? Optional.empty() : Optional.of(new GlobalVariable(this, g));
    }

    public Optional<Function> function(String name) {
        LLVMValueRef f = LLVMGetNamedFunction(ref(), name);
        return f == null || f.isNull() ? Optional.empty() : Optional.of(new Function(this, f));
    }

    public GlobalVariable addGlobal(Type type, String name, int addressSpace) {
        return new GlobalVariable(this, LLVMAddGlobalInAddressSpace(ref(), type.ref(), name, addressSpace));
    }

    public Function addFunction(String name, Type functionType) {
        return new Function(this, LLVMAddFunction(ref(), name, functionType.ref()));
    }

    /** Wraps a raw value of this module (escape hatch for code using the C API directly). */
    public Value wrap(LLVMValueRef value) {
        ref();
        return Value.of(this, value);
    }

    // Constants.

    public Value constInt(Type type, long value) {
        return Value.of(this, LLVMConstInt(type.ref(), value, 0));
    }

    public Value constNull(Type type) {
        return Value.of(this, LLVMConstNull(type.ref()));
    }

    public Value undef(Type type) {
        return Value.of(this, LLVMGetUndef(type.ref()));
    }

    public Value constIntToPtr(Value value, Type pointerType) {
        return Value.of(this, LLVMConstIntToPtr(value.ref(), pointerType.ref()));
    }

    public Value constPtrToInt(Value value, Type intType) {
        return Value.of(this, LLVMConstPtrToInt(value.ref(), intType.ref()));
    }

    public Value constAddrSpaceCast(Value value, Type pointerType) {
        return Value.of(this, LLVMConstAddrSpaceCast(value.ref(), pointerType.ref()));
    }

    /** A constant {@code [N x i8]} holding {@code text}, NUL-terminated when asked. */
    public Value constString(String text, boolean nulTerminate) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (BytePointer p = new BytePointer(bytes.length + 1)) {
            p.put(bytes).put(bytes.length, (byte) 0);
            return Value.of(this, LLVMConstStringInContext2(context.ref(), p, bytes.length, nulTerminate ? 0 : 1));
        }
    }

    // Metadata.

    public List<ModuleFlag> flags() {
        List<ModuleFlag> out = new ArrayList<>();
        try (SizeTPointer count = new SizeTPointer(1)) {
            LLVMModuleFlagEntry entries = LLVMCopyModuleFlagsMetadata(ref(), count);
            if (entries == null || entries.isNull()) {
                return out;
            }
            try {
                for (int i = 0; i < count.get(); i++) {
                    try (SizeTPointer len = new SizeTPointer(1)) {
                        String key = LLVMModuleFlagEntriesGetKey(entries, i, len).getString();
                        LLVMMetadataRef md = LLVMModuleFlagEntriesGetMetadata(entries, i);
                        String value = Native.takeMessage(LLVMPrintValueToString(LLVMMetadataAsValue(context.ref(), md)));
                        value = value.startsWith("metadata ") ? value.substring(9) : value;
                        int behavior = LLVMModuleFlagEntriesGetFlagBehavior(entries, i);
                        out.add(new ModuleFlag(ModuleFlag.Behavior.values()[behavior], key, value));
                    }
                }
            } finally {
                LLVMDisposeModuleFlagsMetadata(entries);
            }
        }
        return out;
    }

    public Optional<ModuleFlag> flag(String key) {
        return flags().stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /** Adds an {@code i32} module flag. */
    public void addIntFlag(ModuleFlag.Behavior behavior, String key, int value) {
        LLVMMetadataRef md = LLVMValueAsMetadata(LLVMConstInt(LLVMInt32TypeInContext(context.ref()), value, 0));
        LLVMAddModuleFlag(ref(), behavior.ordinal(), new BytePointer(key), key.length(), md);
    }

    /** Operands of a named metadata node such as {@code nvvm.annotations}, as printed. */
    public List<String> namedMetadata(String name) {
        int n = LLVMGetNamedMetadataNumOperands(ref(), name);
        List<String> out = new ArrayList<>(n);
        if (n == 0) {
            return out;
        }
        PointerPointer<LLVMValueRef> ops = new PointerPointer<>(n);
        LLVMGetNamedMetadataOperands(ref(), name, ops);
        for (int i = 0; i < n; i++) {
            out.add(Native.takeMessage(LLVMPrintValueToString(ops.get(LLVMValueRef.class, i))));
        }
        return out;
    }

    /**
     * Appends a node to a named metadata list; each element is a value of this module, a
     * {@code String} (an MDString) or an {@code Integer} (an i32 constant).
     */
    public void addNamedMetadata(String name, List<?> elements) {
        LLVMMetadataRef[] mds = new LLVMMetadataRef[elements.size()];
        for (int i = 0; i < mds.length; i++) {
            Object e = elements.get(i);
            if (e instanceof Value v) {
                mds[i] = LLVMValueAsMetadata(v.ref());
            } else if (e instanceof String s) {
                mds[i] = LLVMMDStringInContext2(context.ref(), s, s.length());
            } else if (e instanceof Integer k) {
                mds[i] = LLVMValueAsMetadata(LLVMConstInt(LLVMInt32TypeInContext(context.ref()), k, 0));
            } else {
                throw new IllegalArgumentException("unsupported metadata element: " + e);
            }
        }
        PointerPointer<LLVMMetadataRef> p = new PointerPointer<>(mds);
        LLVMMetadataRef node = LLVMMDNodeInContext2(context.ref(), p, mds.length);
        LLVMAddNamedMetadataOperand(ref(), name, LLVMMetadataAsValue(context.ref(), node));
    }

    // Passes.

    /**
     * Runs a new-pass-manager pipeline such as {@code default<O2>} or {@code globaldce};
     * {@code machine} may be null for target-independent pipelines.
     */
    public void runPasses(String pipeline, TargetMachine machine, boolean verifyEach) {
        LLVMPassBuilderOptionsRef options = LLVMCreatePassBuilderOptions();
        try {
            LLVMPassBuilderOptionsSetVerifyEach(options, verifyEach ? 1 : 0);
            context.takeDiagnostics();
            Native.check(LLVMRunPasses(ref(), pipeline, machine == null ? null : machine.ref(), options),
                    "pass pipeline '" + pipeline + "'");
        } finally {
            LLVMDisposePassBuilderOptions(options);
        }
    }

    @Override
    protected void release() {
        context.forget(this);
        // The context closes its modules before disposing itself, so ref is still valid here.
        if (ref != null) {
            LLVMDisposeModule(ref);
        }
        ref = null;
    }
}

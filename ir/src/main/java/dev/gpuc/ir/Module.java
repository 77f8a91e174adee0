package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.llvm.LLVM.LLVMContextRef;
import org.bytedeco.llvm.LLVM.LLVMMetadataRef;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMPassBuilderOptionsRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
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
        var length = OutParameters.size();
        return Native.utf8(LLVMGetModuleIdentifier(ref(), length), length.get());
    }

    public String triple() {
        BytePointer t = LLVMGetTarget(ref());
        return t == null || t.isNull() ? "" : t.getString(java.nio.charset.StandardCharsets.UTF_8);
    }

    public void setTriple(String triple) {
        LLVMSetTarget(ref(), CStrings.of(triple));
    }

    public String dataLayout() {
        BytePointer d = LLVMGetDataLayoutStr(ref());
        return d == null || d.isNull() ? "" : d.getString(java.nio.charset.StandardCharsets.UTF_8);
    }

    public void setDataLayout(String layout) {
        LLVMSetDataLayout(ref(), CStrings.of(layout));
    }

    /** The module as textual IR. */
    public String print() {
        return Native.takeMessage(LLVMPrintModuleToString(ref()));
    }

    /**
     * The module as bitcode. The same input with the same edits gives the same bytes, but two
     * modules that print the same may not: LLVM writes function-local symbol tables in hash
     * order, which depends on the module's history (parsed from text or from bitcode, say).
     */
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
     * outcome. With {@code onlyNeeded}, only the definitions this module declares (and what they
     * use) are taken from the source, and they are internalized; nothing else in this module
     * changes.
     *
     * @throws IllegalArgumentException when {@code source} is this module or from another context
     * @throws LlvmException when LLVM's linker refuses (for example a symbol defined twice)
     */
    public void link(Module source, boolean onlyNeeded) {
        if (source == this) {
            throw new IllegalArgumentException("cannot link module " + name() + " into itself");
        }
        try {
            if (source.context != context) {
                throw new IllegalArgumentException("cannot link modules from different contexts");
            }
            Set<String> definedBefore = definitionNames();
            if (onlyNeeded) {
                source.keepOnly(declarationNames());
            }
            context.takeDiagnostics();
            LLVMModuleRef src = source.disown();
            if (LLVMLinkModules2(ref(), src) != 0) { // destroys src, whatever the outcome
                throw new LlvmException("linking into " + name() + " failed: "
                        + context.takeErrors("unknown linker error"));
            }
            if (onlyNeeded) {
                for (GlobalValue g : globalValues()) {
                    String n = g.name();
                    if (!g.isDeclaration() && !n.isEmpty() && !definedBefore.contains(n) && !n.startsWith("llvm.")
                            && !g.linkage().isLocal()) {
                        g.setLinkage(Linkage.INTERNAL);
                        g.setVisibility(Visibility.DEFAULT);
                    }
                }
            }
        } finally {
            source.close(); // no-op once disowned
        }
    }

    /**
     * Keeps only the definitions named in {@code roots} and what they reference: every other
     * definition is internalized, then dead ones are removed. Roots the optimiser may discard
     * when unused here ({@code linkonce_odr} inline functions, {@code available_externally})
     * become plain external definitions first: they are used once linked.
     */
    private void keepOnly(Set<String> roots) {
        for (GlobalValue g : globalValues()) {
            String n = g.name();
            Linkage l = g.linkage();
            if (g.isDeclaration() || n.startsWith("llvm.") || l.isLocal() || l == Linkage.APPENDING) {
                continue;
            }
            if (!roots.contains(n)) {
                g.setLinkage(Linkage.INTERNAL);
                g.setVisibility(Visibility.DEFAULT);
            } else if (l == Linkage.LINK_ONCE_ANY || l == Linkage.LINK_ONCE_ODR || l == Linkage.AVAILABLE_EXTERNALLY) {
                g.setLinkage(Linkage.EXTERNAL);
            }
        }
        runPasses("globaldce", null, false);
    }

    private Set<String> definitionNames() {
        Set<String> out = new HashSet<>();
        for (GlobalValue g : globalValues()) {
            if (!g.isDeclaration()) {
                out.add(g.name());
            }
        }
        return out;
    }

    private Set<String> declarationNames() {
        Set<String> out = new HashSet<>();
        for (GlobalValue g : globalValues()) {
            if (g.isDeclaration()) {
                out.add(g.name());
            }
        }
        return out;
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
        LLVMValueRef g = LLVMGetNamedGlobal(ref(), CStrings.of(name));
        return g == null || g.isNull() ? Optional.empty() : Optional.of(new GlobalVariable(this, g));
    }

    public Optional<Function> function(String name) {
        LLVMValueRef f = LLVMGetNamedFunction(ref(), CStrings.of(name));
        return f == null || f.isNull() ? Optional.empty() : Optional.of(new Function(this, f));
    }

    public GlobalVariable addGlobal(Type type, String name, int addressSpace) {
        return new GlobalVariable(this, LLVMAddGlobalInAddressSpace(ref(), type.refIn(context), CStrings.of(name), addressSpace));
    }

    public Function addFunction(String name, Type functionType) {
        return new Function(this, LLVMAddFunction(ref(), CStrings.of(name), functionType.refIn(context)));
    }

    /** Wraps a raw value of this module (escape hatch for code using the C API directly). */
    public Value wrap(LLVMValueRef value) {
        ref();
        return Value.of(this, value);
    }

    // Constants.

    public Value constInt(Type type, long value) {
        return Value.of(this, LLVMConstInt(type.refIn(context), value, 0));
    }

    public Value constNull(Type type) {
        return Value.of(this, LLVMConstNull(type.refIn(context)));
    }

    public Value undef(Type type) {
        return Value.of(this, LLVMGetUndef(type.refIn(context)));
    }

    public Value constIntToPtr(Value value, Type pointerType) {
        return Value.of(this, LLVMConstIntToPtr(value.refIn(context), pointerType.refIn(context)));
    }

    public Value constPtrToInt(Value value, Type intType) {
        return Value.of(this, LLVMConstPtrToInt(value.refIn(context), intType.refIn(context)));
    }

    public Value constAddrSpaceCast(Value value, Type pointerType) {
        return Value.of(this, LLVMConstAddrSpaceCast(value.refIn(context), pointerType.refIn(context)));
    }

    /** A constant {@code [N x i8]} holding {@code text}, NUL-terminated when asked. */
    public Value constString(String text, boolean nulTerminate) {
        BytePointer p = CStrings.of(text);
        return Value.of(this, LLVMConstStringInContext2(context.ref(), p, p.limit(), nulTerminate ? 0 : 1));
    }

    // Metadata.

    /**
     * The module flags, read from {@code !llvm.module.flags} itself: the C API's flag accessors
     * cannot represent the {@code max} and {@code min} behaviours. Entries the verifier would
     * reject (wrong arity, unknown behaviour) are skipped.
     */
    public List<ModuleFlag> flags() {
        List<ModuleFlag> out = new ArrayList<>();
        for (LLVMValueRef node : namedMetadataNodes(MODULE_FLAGS)) {
            if (LLVMGetMDNodeNumOperands(node) != 3) {
                continue;
            }
            PointerPointer<LLVMValueRef> ops = PointerArrays.scratch(3);
            LLVMGetMDNodeOperands(node, ops);
            LLVMValueRef behavior = ops.get(LLVMValueRef.class, 0);
            LLVMValueRef key = ops.get(LLVMValueRef.class, 1);
            LLVMValueRef value = ops.get(LLVMValueRef.class, 2);
            if (isNull(behavior) || isNull(LLVMIsAConstantInt(behavior)) || isNull(key) || isNull(value)) {
                continue;
            }
            Optional<ModuleFlag.Behavior> b = ModuleFlag.Behavior.ofCode(LLVMConstIntGetZExtValue(behavior));
            int[] length = new int[1];
            BytePointer k = LLVMGetMDString(key, length);
            if (b.isEmpty() || isNull(k)) {
                continue;
            }
            String text = Native.takeMessage(LLVMPrintValueToString(value)).strip();
            text = text.startsWith("metadata ") ? text.substring(9) : text;
            out.add(new ModuleFlag(b.get(), Native.utf8(k, length[0]), text));
        }
        return out;
    }

    public Optional<ModuleFlag> flag(String key) {
        return flags().stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /** Adds an {@code i32} module flag (written as metadata, so every behaviour is possible). */
    public void addIntFlag(ModuleFlag.Behavior behavior, String key, int value) {
        LLVMContextRef ctx = context.ref();
        LLVMTypeRef i32 = LLVMInt32TypeInContext(ctx);
        BytePointer k = CStrings.of(key);
        LLVMMetadataRef[] mds = {
            LLVMValueAsMetadata(LLVMConstInt(i32, behavior.code(), 0)),
            LLVMMDStringInContext2(ctx, k, k.limit()),
            LLVMValueAsMetadata(LLVMConstInt(i32, value, 1)),
        };
        LLVMMetadataRef node = LLVMMDNodeInContext2(ctx, PointerArrays.of(mds), 3);
        LLVMAddNamedMetadataOperand(ref(), CStrings.of(MODULE_FLAGS), LLVMMetadataAsValue(ctx, node));
    }

    private static final String MODULE_FLAGS = "llvm.module.flags";

    private static boolean isNull(org.bytedeco.javacpp.Pointer p) {
        return p == null || p.isNull();
    }

    private List<LLVMValueRef> namedMetadataNodes(String name) {
        int n = LLVMGetNamedMetadataNumOperands(ref(), CStrings.of(name));
        List<LLVMValueRef> out = new ArrayList<>(n);
        if (n == 0) {
            return out;
        }
        PointerPointer<LLVMValueRef> ops = PointerArrays.scratch(n);
        LLVMGetNamedMetadataOperands(ref(), name, ops);
        for (int i = 0; i < n; i++) {
            out.add(ops.get(LLVMValueRef.class, i));
        }
        return out;
    }

    /**
     * Operands of a named metadata node such as {@code nvvm.annotations}, as printed, like
     * {@code !{ptr @k, !"kernel", i32 1}}. (LLVM prefixes a standalone node with its address;
     * that is dropped so the text is stable.)
     */
    public List<String> namedMetadata(String name) {
        List<String> out = new ArrayList<>();
        for (LLVMValueRef node : namedMetadataNodes(name)) {
            String text = Native.takeMessage(LLVMPrintValueToString(node)).strip();
            out.add(NODE_ADDRESS.matcher(text).replaceFirst(""));
        }
        return out;
    }

    private static final java.util.regex.Pattern NODE_ADDRESS = java.util.regex.Pattern.compile("^<0x[0-9a-fA-F]+> = ");

    /**
     * Appends a node to a named metadata list; each element is a value of this module, a
     * {@code String} (an MDString) or an {@code Integer} (an i32 constant).
     */
    public void addNamedMetadata(String name, List<?> elements) {
        LLVMMetadataRef[] mds = new LLVMMetadataRef[elements.size()];
        for (int i = 0; i < mds.length; i++) {
            Object e = elements.get(i);
            if (e instanceof Value v) {
                mds[i] = LLVMValueAsMetadata(v.refIn(context));
            } else if (e instanceof String s) {
                BytePointer text = CStrings.of(s);
                mds[i] = LLVMMDStringInContext2(context.ref(), text, text.limit());
            } else if (e instanceof Integer k) {
                mds[i] = LLVMValueAsMetadata(LLVMConstInt(LLVMInt32TypeInContext(context.ref()), k, 0));
            } else {
                throw new IllegalArgumentException("unsupported metadata element: " + e);
            }
        }
        LLVMMetadataRef node = LLVMMDNodeInContext2(context.ref(), PointerArrays.of(mds), mds.length);
        LLVMAddNamedMetadataOperand(ref(), CStrings.of(name), LLVMMetadataAsValue(context.ref(), node));
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
            Native.check(LLVMRunPasses(ref(), CStrings.of(pipeline), machine == null ? null : machine.ref(), options),
                    "pass pipeline '" + pipeline + "'");
            context.throwIfErrors("pass pipeline '" + pipeline + "' on " + name());
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

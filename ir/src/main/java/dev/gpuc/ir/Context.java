package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.llvm.LLVM.LLVMContextRef;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;

/**
 * An LLVM context: the owner of every module, type and constant made in it.
 *
 * <p>One context per compilation; a context and everything in it belong to one thread at a
 * time. Closing the context closes the modules still open in it. LLVM's diagnostics are
 * captured here instead of going to stderr or ending the process.
 */
public final class Context extends Owned {
    private static final Pattern LOCATED = Pattern.compile("^(.*?):(\\d+):(\\d+): error: (.*)$");
    private static final Pattern UNLOCATED = Pattern.compile("^(.*?): error: (.*)$");

    private final LLVMContextRef ref;
    private final long routerId;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Set<Module> modules = Collections.newSetFromMap(new IdentityHashMap<>());

    private Context() {
        Llvm.initialize();
        this.ref = LLVMContextCreate();
        this.routerId = DiagnosticRouter.register(this);
    }

    public static Context create() {
        return new Context();
    }

    LLVMContextRef ref() {
        checkOpen();
        return ref;
    }

    /** Escape hatch for callers who need the raw C API; the context still owns it. */
    public LLVMContextRef unwrap() {
        return ref();
    }

    synchronized void report(Diagnostic diagnostic) {
        diagnostics.add(diagnostic);
    }

    /** Removes and returns the diagnostics reported since the last call. */
    public synchronized List<Diagnostic> takeDiagnostics() {
        List<Diagnostic> out = List.copyOf(diagnostics);
        diagnostics.clear();
        return out;
    }

    /** The error diagnostics among {@link #takeDiagnostics()}, joined, or {@code fallback}. */
    String takeErrors(String fallback) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : takeDiagnostics()) {
            if (d.severity() == Diagnostic.Severity.ERROR) {
                sb.append(sb.length() == 0 ? "" : "; ").append(d.message());
            }
        }
        return sb.length() == 0 ? fallback : sb.toString();
    }

    /** Parses textual IR or bitcode (recognised by its magic); {@code name} names it in errors. */
    public Module parse(byte[] bytes, String name) {
        checkOpen();
        if (bytes.length == 0) {
            throw new ParseException(name, 0, 0, "empty input: expected LLVM IR text or bitcode");
        }
        MemoryBuffer buffer = MemoryBuffer.copyOf(bytes, name);
        LLVMModuleRef out = new LLVMModuleRef();
        BytePointer error = new BytePointer((BytePointer) null);
        // LLVMParseIRInContext takes the buffer, whatever the outcome.
        int failed = LLVMParseIRInContext(ref, buffer.transfer(), out, error);
        takeDiagnostics();
        if (failed != 0) {
            throw parseError(name, Native.takeMessage(error));
        }
        return adopt(out);
    }

    public Module parse(Path path) {
        try {
            return parse(Files.readAllBytes(path), path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    public Module parse(InputStream in, String name) {
        try {
            return parse(in.readAllBytes(), name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    public Module parseText(String text, String name) {
        return parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), name);
    }

    private static ParseException parseError(String name, String text) {
        String first = text.lines().findFirst().orElse("").strip();
        Matcher located = LOCATED.matcher(first);
        if (located.matches()) {
            return new ParseException(name, Integer.parseInt(located.group(2)),
                    Integer.parseInt(located.group(3)), located.group(4));
        }
        Matcher unlocated = UNLOCATED.matcher(first);
        String message = unlocated.matches() ? unlocated.group(2) : first;
        return new ParseException(name, 0, 0, message.isEmpty() ? "unreadable IR" : message);
    }

    public Module createModule(String name) {
        checkOpen();
        return adopt(LLVMModuleCreateWithNameInContext(name, ref));
    }

    Module adopt(LLVMModuleRef moduleRef) {
        Module module = new Module(this, moduleRef);
        synchronized (modules) {
            modules.add(module);
        }
        return module;
    }

    void forget(Module module) {
        synchronized (modules) {
            modules.remove(module);
        }
    }

    // Types live as long as the context.

    public Type voidType() {
        return type(LLVMVoidTypeInContext(ref()));
    }

    public Type intType(int bits) {
        return type(LLVMIntTypeInContext(ref(), bits));
    }

    public Type floatType() {
        return type(LLVMFloatTypeInContext(ref()));
    }

    public Type doubleType() {
        return type(LLVMDoubleTypeInContext(ref()));
    }

    public Type halfType() {
        return type(LLVMHalfTypeInContext(ref()));
    }

    public Type pointerType(int addressSpace) {
        return type(LLVMPointerTypeInContext(ref(), addressSpace));
    }

    public Type arrayType(Type element, long count) {
        return type(LLVMArrayType2(element.ref(), count));
    }

    public Type structType(List<Type> elements, boolean packed) {
        return type(LLVMStructTypeInContext(ref(), Type.refs(elements), elements.size(), packed ? 1 : 0));
    }

    public Type functionType(Type returnType, List<Type> params, boolean varArgs) {
        return type(LLVMFunctionType(returnType.ref(), Type.refs(params), params.size(), varArgs ? 1 : 0));
    }

    /** A named struct type of this context, if one exists with that name. */
    public java.util.Optional<Type> namedStruct(String name) {
        LLVMTypeRef t = LLVMGetTypeByName2(ref(), name);
        return t == null || t.isNull() ? java.util.Optional.empty() : java.util.Optional.of(type(t));
    }

    Type type(LLVMTypeRef t) {
        return new Type(this, t);
    }

    @Override
    protected void release() {
        List<Module> open;
        synchronized (modules) {
            open = new ArrayList<>(modules);
        }
        for (Module m : open) {
            m.close();
        }
        DiagnosticRouter.unregister(routerId);
        LLVMContextDispose(ref);
    }
}

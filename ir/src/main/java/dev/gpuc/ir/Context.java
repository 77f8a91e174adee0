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
    /** After the source name: {@code <line>:<col>: error: <text>} or {@code error: <text>}. */
    private static final Pattern LOCATED = Pattern.compile("^(\\d+):(\\d+): error: (.*)$");
    private static final Pattern UNLOCATED = Pattern.compile("^\\s*error: (.*)$");
    /** When LLVM named the source otherwise: the shortest prefix ending in a colon. */
    private static final Pattern OTHER_NAME = Pattern.compile("^.*?:(?=\\d+:\\d+: error: |\\s*error: )");

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

    /**
     * Throws an {@link LlvmException} when LLVM reported an error diagnostic since the last
     * {@link #takeDiagnostics()}: with gpuc's handler installed LLVM carries on after such an
     * error (its default handler would have ended the process), so its output is not to be used.
     * Other diagnostics stay for the caller to take.
     */
    synchronized void throwIfErrors(String what) {
        if (diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR)) {
            throw new LlvmException(what + " failed: " + takeErrors("error diagnostic"));
        }
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
            throw parseError(name, Native.takeMessage(error), bytes);
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

    /**
     * Turns LLVM's report ({@code <name>:<line>:<col>: error: <text>} for textual IR,
     * {@code <name>: error: <text>} for bitcode, then the source line and a caret) into a
     * located exception. The name is stripped literally, since it may itself hold colons.
     */
    static ParseException parseError(String name, String report, byte[] input) {
        String first = report.lines().findFirst().orElse("").strip();
        String rest = first.startsWith(name + ":") ? first.substring(name.length() + 1)
                : OTHER_NAME.matcher(first).replaceFirst("");
        Matcher located = LOCATED.matcher(rest);
        if (located.matches()) {
            return new ParseException(name, Integer.parseInt(located.group(1)),
                    Integer.parseInt(located.group(2)), located.group(3) + binaryHint(input));
        }
        Matcher unlocated = UNLOCATED.matcher(rest);
        String message = unlocated.matches() ? unlocated.group(1) : rest.strip();
        if (message.isEmpty()) {
            message = "unreadable IR";
        }
        if (isBitcode(input)) {
            message = "invalid bitcode: " + message;
        }
        return new ParseException(name, 0, 0, message);
    }

    /** Whether {@code b} starts like bitcode (raw or wrapped), which is how LLVM's parser tells it from text. */
    public static boolean isBitcode(byte[] b) {
        boolean raw = b.length >= 4 && b[0] == 'B' && b[1] == 'C' && (b[2] & 0xff) == 0xc0 && (b[3] & 0xff) == 0xde;
        boolean wrapped = b.length >= 4 && (b[0] & 0xff) == 0xde && (b[1] & 0xff) == 0xc0 && b[2] == 0x17 && (b[3] & 0xff) == 0x0b;
        return raw || wrapped;
    }

    /** Says so when "text" that failed to parse is binary data, where LLVM's complaint alone misleads. */
    private static String binaryHint(byte[] input) {
        int n = Math.min(input.length, 512);
        for (int i = 0; i < n; i++) {
            int c = input[i] & 0xff;
            if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')) {
                return " (the input is binary data, neither LLVM IR text nor bitcode)";
            }
        }
        return "";
    }

    public Module createModule(String name) {
        checkOpen();
        return adopt(LLVMModuleCreateWithNameInContext(CStrings.of(name), ref));
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
        return type(LLVMArrayType2(element.refIn(this), count));
    }

    public Type structType(List<Type> elements, boolean packed) {
        return type(LLVMStructTypeInContext(ref(), Type.refs(elements, this), elements.size(), packed ? 1 : 0));
    }

    public Type functionType(Type returnType, List<Type> params, boolean varArgs) {
        return type(LLVMFunctionType(returnType.refIn(this), Type.refs(params, this), params.size(), varArgs ? 1 : 0));
    }

    /** A named struct type of this context, if one exists with that name. */
    public java.util.Optional<Type> namedStruct(String name) {
        LLVMTypeRef t = LLVMGetTypeByName2(ref(), CStrings.of(name));
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

package dev.gpuc.backend.cpu;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.Binding;
import dev.gpuc.api.LoadedModule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.bytedeco.llvm.LLVM.LLVMOrcJITDylibRef;

/**
 * A CPU artifact loaded into the JIT with its runtime globals bound: its entry points can be
 * called from any thread until it is closed. Closing frees its code and data; calls already
 * running finish first.
 *
 * <p>Arguments: integers as {@code Long}, {@code Integer}, {@code Short}, {@code Byte},
 * {@code Character} or {@code Boolean}; {@code float}/{@code double} as {@code Float} or
 * {@code Double}; pointers as a javacpp {@code Pointer} (its address at its position), a
 * {@code Long} address or null.
 */
public final class CpuModule implements LoadedModule {
    private final Artifact artifact;
    private final List<Binding> bindings;
    private final Map<String, CompiledFunction> functions;
    private final LLVMOrcJITDylibRef dylib;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    CpuModule(Artifact artifact, List<Binding> bindings, Map<String, CompiledFunction> functions,
              LLVMOrcJITDylibRef dylib) {
        this.artifact = artifact;
        this.bindings = List.copyOf(bindings);
        this.functions = Map.copyOf(functions);
        this.dylib = dylib;
    }

    @Override
    public Artifact artifact() {
        return artifact;
    }

    @Override
    public List<Binding> bindings() {
        return bindings;
    }

    /** Names of the entry points that can be called. */
    public Set<String> entryPoints() {
        return functions.keySet();
    }

    public Signature signature(String entry) {
        return function(entry).signature();
    }

    /**
     * Calls an entry point. The result is an {@code Integer} for integers of up to 32 bits, a
     * {@code Long} for wider ones and for pointers, a {@code Boolean} for {@code i1}, a
     * {@code Float} or {@code Double}, or null for void.
     *
     * @throws IllegalArgumentException for an unknown entry point or arguments that do not fit
     * @throws IllegalStateException    when the module is closed
     */
    public Object call(String entry, Object... args) {
        CompiledFunction f = function(entry);
        return f.box(invoke(f, args));
    }

    /** Calls an entry point that returns an integer (sign-extended) or a pointer. */
    public long callLong(String entry, Object... args) {
        return invoke(expect(entry, "an integer or pointer", Scalar.Kind.INT, Scalar.Kind.POINTER), args);
    }

    /** Calls an entry point that returns an integer of at most 32 bits. */
    public int callInt(String entry, Object... args) {
        CompiledFunction f = expect(entry, "an integer of at most 32 bits", Scalar.Kind.INT);
        if (f.signature().result().bits() > 32) {
            throw new IllegalArgumentException(entry + f.signature() + " does not return an integer of at most 32 bits");
        }
        return (int) invoke(f, args);
    }

    /** Calls an entry point that returns a double or a float (widened). */
    public double callDouble(String entry, Object... args) {
        CompiledFunction f = expect(entry, "a floating-point value", Scalar.Kind.DOUBLE, Scalar.Kind.FLOAT);
        long raw = invoke(f, args);
        return f.signature().result() == Scalar.FLOAT ? Float.intBitsToFloat((int) raw) : Double.longBitsToDouble(raw);
    }

    public float callFloat(String entry, Object... args) {
        return Float.intBitsToFloat((int) invoke(expect(entry, "a float", Scalar.Kind.FLOAT), args));
    }

    /** Calls an entry point for its effect; a result, if any, is dropped. */
    public void callVoid(String entry, Object... args) {
        invoke(function(entry), args);
    }

    private CompiledFunction expect(String entry, String what, Scalar.Kind... kinds) {
        CompiledFunction f = function(entry);
        for (Scalar.Kind k : kinds) {
            if (f.signature().result().kind() == k) {
                return f;
            }
        }
        throw new IllegalArgumentException(entry + f.signature() + " does not return " + what);
    }

    private CompiledFunction function(String entry) {
        CompiledFunction f = functions.get(entry);
        if (f == null) {
            throw new IllegalArgumentException("no entry point '" + entry + "' in this module (it has "
                    + new java.util.TreeSet<>(functions.keySet()) + ")");
        }
        return f;
    }

    private long invoke(CompiledFunction f, Object[] args) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("CpuModule is closed");
            }
            return f.invoke(args);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            functions.values().forEach(CompiledFunction::close);
            Jit.get().release(dylib);
        } finally {
            lock.writeLock().unlock();
        }
    }
}

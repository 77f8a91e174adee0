package dev.gpuc.backend.cpu;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.api.BackendFailure;
import dev.gpuc.ir.Llvm;
import dev.gpuc.ir.LlvmErrors;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.llvm.LLVM.LLVMErrorRef;
import org.bytedeco.llvm.LLVM.LLVMMemoryBufferRef;
import org.bytedeco.llvm.LLVM.LLVMOrcCJITDylibSearchOrderElement;
import org.bytedeco.llvm.LLVM.LLVMOrcCLookupSetElement;
import org.bytedeco.llvm.LLVM.LLVMOrcCSymbolMapPair;
import org.bytedeco.llvm.LLVM.LLVMOrcDefinitionGeneratorRef;
import org.bytedeco.llvm.LLVM.LLVMOrcErrorReporterFunction;
import org.bytedeco.llvm.LLVM.LLVMOrcExecutionSessionLookupHandleResultFunction;
import org.bytedeco.llvm.LLVM.LLVMOrcExecutionSessionRef;
import org.bytedeco.llvm.LLVM.LLVMOrcJITDylibRef;
import org.bytedeco.llvm.LLVM.LLVMOrcLLJITRef;
import org.bytedeco.llvm.LLVM.LLVMOrcMaterializationUnitRef;
import org.bytedeco.llvm.LLVM.LLVMOrcSymbolStringPoolEntryRef;

/**
 * The process-wide ORC LLJIT that every loaded CPU artifact lives in, each in a JITDylib of its
 * own.
 *
 * <p>One LLJIT with a JITDylib per artifact loads about four times faster than an LLJIT per
 * artifact (0.2 ms against 0.8 ms per load, measured on symbol-compare) and frees as much. A
 * JITDylib cannot be removed through the C API, so a closed artifact's JITDylib is cleared
 * (which frees its code and data) and reused by the next load: the number of JITDylibs is the
 * peak number of artifacts loaded at once. Each one searches only itself, then the process's
 * symbols (libc, libm), so two loads of one artifact never see each other's definitions.
 *
 * <p>The LLJIT lives as long as the process. ORC runs materialisation on the thread that looks
 * symbols up, so link errors the session reports (the only place they name the missing symbol)
 * are collected per thread and attached to the failing load.
 */
final class Jit {
    private static final String BACKEND = CpuBackend.ID;

    private static volatile Jit instance;
    private static Throwable startFailure;

    private final LLVMOrcLLJITRef jit;
    private final LLVMOrcExecutionSessionRef session;
    private final ArrayDeque<LLVMOrcJITDylibRef> cleared = new ArrayDeque<>();
    private final AtomicLong dylibCount = new AtomicLong();

    private Jit() {
        Llvm.initialize();
        LLVMOrcLLJITRef ref = new LLVMOrcLLJITRef();
        check(LLVMOrcCreateLLJIT(ref, LLVMOrcCreateLLJITBuilder()), "cannot create the ORC LLJIT");
        jit = ref;
        session = LLVMOrcLLJITGetExecutionSession(jit);
        LLVMOrcExecutionSessionSetErrorReporter(session, REPORTER, null);
    }

    /**
     * The process's JIT, created on first use.
     *
     * @throws BackendFailure when it cannot start (then, every time, with the first cause)
     */
    static Jit get() {
        Jit jit = instance;
        if (jit != null) {
            return jit;
        }
        synchronized (Jit.class) {
            if (instance == null && startFailure == null) {
                try {
                    instance = new Jit();
                } catch (RuntimeException | LinkageError e) {
                    startFailure = e;
                }
            }
            if (startFailure != null) {
                throw new BackendFailure(BACKEND, "the ORC JIT cannot start: " + startFailure.getMessage(), startFailure);
            }
            return instance;
        }
    }

    /** An empty JITDylib for one artifact, reused from a closed artifact when there is one. */
    LLVMOrcJITDylibRef acquire() {
        synchronized (cleared) {
            LLVMOrcJITDylibRef reused = cleared.poll();
            if (reused != null) {
                return reused;
            }
        }
        LLVMOrcJITDylibRef dylib = LLVMOrcExecutionSessionCreateBareJITDylib(session,
                "gpuc-cpu-" + dylibCount.incrementAndGet());
        LLVMOrcDefinitionGeneratorRef processSymbols = new LLVMOrcDefinitionGeneratorRef();
        check(LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(processSymbols, LLVMOrcLLJITGetGlobalPrefix(jit),
                null, null), "cannot search the process's symbols");
        LLVMOrcJITDylibAddGenerator(dylib, processSymbols); // the JITDylib owns it from here
        return dylib;
    }

    /** Frees everything loaded into {@code dylib} and keeps it for the next load. */
    void release(LLVMOrcJITDylibRef dylib) {
        check(LLVMOrcJITDylibClear(dylib), "cannot unload an artifact");
        synchronized (cleared) {
            cleared.push(dylib);
        }
    }

    /** How many JITDylibs exist (loaded plus cleared for reuse). */
    long dylibCount() {
        return dylibCount.get();
    }

    /** Defines each name as an absolute symbol whose address is the given value. */
    void defineAbsolute(LLVMOrcJITDylibRef dylib, Map<String, Long> symbols) {
        if (symbols.isEmpty()) {
            return;
        }
        try (LLVMOrcCSymbolMapPair pairs = new LLVMOrcCSymbolMapPair(symbols.size())) {
            int i = 0;
            for (Map.Entry<String, Long> e : symbols.entrySet()) {
                LLVMOrcCSymbolMapPair pair = pairs.getPointer(i++);
                pair.Name(LLVMOrcLLJITMangleAndIntern(jit, e.getKey())); // the unit takes this reference
                pair.Sym().Address(e.getValue());
                pair.Sym().Flags().GenericFlags((byte) LLVMJITSymbolGenericFlagsExported).TargetFlags((byte) 0);
            }
            LLVMOrcMaterializationUnitRef unit = LLVMOrcAbsoluteSymbols(pairs, symbols.size());
            Optional<String> error = LlvmErrors.take(LLVMOrcJITDylibDefine(dylib, unit));
            if (error.isPresent()) {
                LLVMOrcDisposeMaterializationUnit(unit); // a failed define leaves the unit with the caller
                throw new BackendFailure(BACKEND, "cannot define runtime values " + symbols.keySet() + ": " + error.get());
            }
        }
    }

    /** Adds a relocatable object to {@code dylib}; it is linked on the first lookup. */
    void addObject(LLVMOrcJITDylibRef dylib, byte[] object, String name) {
        LLVMMemoryBufferRef buffer;
        try (BytePointer data = new BytePointer(Math.max(1, object.length)); BytePointer id = new BytePointer(name)) {
            data.put(object);
            buffer = LLVMCreateMemoryBufferWithMemoryRangeCopy(data, object.length, id);
        }
        check(LLVMOrcLLJITAddObjectFile(jit, dylib, buffer), "cannot add the object of " + name); // takes buffer
    }

    /**
     * The addresses of {@code names} in {@code dylib}, linking its objects if they are not yet.
     *
     * @throws BackendFailure when linking fails or a name is not defined; the message carries what
     *                        the JIT reported, such as {@code Symbols not found: [ name ]}
     */
    Map<String, Long> lookup(LLVMOrcJITDylibRef dylib, List<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        REPORTED.get().clear();
        Map<String, String> byMangled = new LinkedHashMap<>();
        long id = NEXT_LOOKUP.incrementAndGet();
        CompletableFuture<Map<String, Long>> result = new CompletableFuture<>();
        LOOKUPS.put(id, result);
        try (LLVMOrcCJITDylibSearchOrderElement order = new LLVMOrcCJITDylibSearchOrderElement(1);
             LLVMOrcCLookupSetElement set = new LLVMOrcCLookupSetElement(names.size())) {
            order.JD(dylib).JDLookupFlags(LLVMOrcJITDylibLookupFlagsMatchExportedSymbolsOnly);
            for (int i = 0; i < names.size(); i++) {
                LLVMOrcSymbolStringPoolEntryRef name = LLVMOrcLLJITMangleAndIntern(jit, names.get(i));
                byMangled.put(LLVMOrcSymbolStringPoolEntryStr(name).getString(), names.get(i));
                set.getPointer(i).Name(name).LookupFlags(LLVMOrcSymbolLookupFlagsRequiredSymbol); // lookup takes it
            }
            LLVMOrcExecutionSessionLookup(session, LLVMOrcLookupKindStatic, order, 1, set, names.size(), LOOKUP_DONE,
                    new Pointer() {
                        {
                            address = id;
                        }
                    });
            Map<String, Long> mangled = result.join();
            Map<String, Long> out = new LinkedHashMap<>();
            mangled.forEach((k, v) -> out.put(byMangled.getOrDefault(k, k), v));
            return out;
        } catch (java.util.concurrent.CompletionException e) {
            List<String> reported = new ArrayList<>(REPORTED.get());
            REPORTED.get().clear();
            // The session's report names the cause; the lookup's own error only lists what it wanted.
            String why = reported.isEmpty() ? e.getCause().getMessage() : String.join("; ", reported);
            throw new BackendFailure(BACKEND, "cannot link: " + why);
        } finally {
            LOOKUPS.remove(id);
        }
    }

    private static void check(LLVMErrorRef error, String what) {
        Optional<String> message = LlvmErrors.take(error);
        if (message.isPresent()) {
            throw new BackendFailure(BACKEND, what + ": " + message.get());
        }
    }

    // Native callbacks: one instance each for the whole process (javacpp allocates a thunk per
    // instance), routed by an id passed as the opaque context.

    private static final ConcurrentHashMap<Long, CompletableFuture<Map<String, Long>>> LOOKUPS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_LOOKUP = new AtomicLong();
    private static final ThreadLocal<List<String>> REPORTED = ThreadLocal.withInitial(ArrayList::new);

    private static final class LookupDone extends LLVMOrcExecutionSessionLookupHandleResultFunction {
        @Override
        public void call(LLVMErrorRef error, LLVMOrcCSymbolMapPair result, long count, Pointer context) {
            CompletableFuture<Map<String, Long>> future = LOOKUPS.get(context.address());
            Optional<String> message = LlvmErrors.take(error);
            if (future == null) {
                return;
            }
            if (message.isPresent()) {
                future.completeExceptionally(new IllegalStateException(message.get()));
                return;
            }
            Map<String, Long> out = new LinkedHashMap<>();
            for (long i = 0; i < count; i++) {
                LLVMOrcCSymbolMapPair pair = result.getPointer(i);
                out.put(LLVMOrcSymbolStringPoolEntryStr(pair.Name()).getString(), pair.Sym().Address());
            }
            future.complete(out);
        }
    }

    private static final class Reporter extends LLVMOrcErrorReporterFunction {
        @Override
        public void call(Pointer context, LLVMErrorRef error) {
            LlvmErrors.take(error).ifPresent(REPORTED.get()::add);
        }
    }

    private static final LookupDone LOOKUP_DONE = new LookupDone();
    private static final Reporter REPORTER = new Reporter();
}

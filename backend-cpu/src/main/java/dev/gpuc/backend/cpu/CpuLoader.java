package dev.gpuc.backend.cpu;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.Availability;
import dev.gpuc.api.BackendFailure;
import dev.gpuc.api.Binding;
import dev.gpuc.api.EntryPoint;
import dev.gpuc.api.Loader;
import dev.gpuc.api.Payload;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.UnsupportedFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.llvm.LLVM.LLVMOrcJITDylibRef;

/**
 * Loads CPU artifacts into the process's ORC JIT, one JITDylib per load, and binds their runtime
 * globals as the artifact's strategy says: BAKE checks that the baked addresses are still this
 * session's; IMPORT defines each slot as an absolute symbol (the value is its address) before
 * linking; PATCH links, then stores each value into its slot before any code can run.
 */
public final class CpuLoader implements Loader {
    @Override
    public Availability availability() {
        try {
            Jit.get();
            return Availability.yes();
        } catch (BackendFailure e) {
            return Availability.no(e.getMessage());
        }
    }

    /**
     * @throws dev.gpuc.api.UnresolvedRuntimeValue for a key this session lacks, or a BAKE artifact
     *                                             bound to other addresses
     * @throws UnsupportedFeature for a TABLE artifact, or one compiled for another machine
     * @throws BackendFailure     when the object does not link (the message names missing symbols)
     */
    @Override
    public CpuModule load(Artifact artifact, RuntimeValues values) {
        RelocationStrategy strategy = artifact.strategy();
        if (!CpuBackend.STRATEGIES.contains(strategy)) {
            throw new UnsupportedFeature("the CPU loader applies " + CpuBackend.STRATEGIES + ", not " + strategy);
        }
        Payload object = artifact.payload(CpuBackend.PAYLOAD).orElseThrow(() -> new BackendFailure(CpuBackend.ID,
                "artifact from backend '" + artifact.provenance().backend() + "' has no '" + CpuBackend.PAYLOAD
                        + "' payload, only " + artifact.payloads()));
        HostCompatibility.check(artifact);
        List<Binding> bindings = artifact.relocations().bind(values, strategy);
        for (Binding b : bindings) {
            if (b.slot().size() != Long.BYTES || b.slot().addressSpace() != 0) {
                throw new BackendFailure(CpuBackend.ID, "slot " + b.slot().name() + " has " + b.slot().size()
                        + " bytes in address space " + b.slot().addressSpace() + "; host slots are 8-byte pointers in 0");
            }
        }
        Jit jit = Jit.get();
        LLVMOrcJITDylibRef dylib = jit.acquire();
        Map<String, CompiledFunction> functions = new LinkedHashMap<>();
        try {
            if (strategy == RelocationStrategy.IMPORT) {
                Map<String, Long> absolute = new LinkedHashMap<>();
                bindings.forEach(b -> absolute.put(b.slot().name(), b.value()));
                jit.defineAbsolute(dylib, absolute);
            }
            jit.addObject(dylib, object.bytes(), "gpuc-artifact" + artifact.entryPoints().stream()
                    .map(EntryPoint::name).toList());
            List<String> symbols = new ArrayList<>();
            for (EntryPoint e : artifact.entryPoints()) {
                symbols.add(e.symbol() + CallWrappers.CALL_SUFFIX);
                symbols.add(e.symbol() + CallWrappers.SIGNATURE_SUFFIX);
            }
            if (strategy == RelocationStrategy.PATCH) {
                bindings.forEach(b -> symbols.add(b.slot().name()));
            }
            Map<String, Long> addresses = jit.lookup(dylib, symbols);
            if (strategy == RelocationStrategy.PATCH) {
                bindings.forEach(b -> NativeMemory.writeLong(addresses.get(b.slot().name()), b.value()));
            }
            for (EntryPoint e : artifact.entryPoints()) {
                functions.put(e.name(), new CompiledFunction(e.name(),
                        signatureAt(e, addresses.get(e.symbol() + CallWrappers.SIGNATURE_SUFFIX)),
                        addresses.get(e.symbol() + CallWrappers.CALL_SUFFIX)));
            }
            return new CpuModule(artifact, bindings, functions, dylib);
        } catch (RuntimeException | Error e) {
            functions.values().forEach(CompiledFunction::close);
            try {
                jit.release(dylib);
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    private static Signature signatureAt(EntryPoint entry, long address) {
        String text = NativeMemory.readCString(address);
        try {
            return Signature.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BackendFailure(CpuBackend.ID, "entry point " + entry.name() + " has an unreadable signature '"
                    + text + "': " + e.getMessage());
        }
    }
}

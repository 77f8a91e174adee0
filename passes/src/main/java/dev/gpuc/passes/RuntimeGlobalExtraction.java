package dev.gpuc.passes;

import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Module;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Objects;

/**
 * Takes session-dependent host addresses out of a module (DESIGN.md, "runtime globals").
 *
 * <p>Every address the front end knows ({@link RuntimeValues#keyOf}) becomes a load from a
 * slot, one slot per distinct key, in the neutral form
 * {@code @gpuc_rt_<key>_<hash> = external global T} (T the pointer type the code reads): no
 * value, not {@code constant}, a declaration no LLVM pass can fold. A global whose initializer is
 * such an address (directly or through casts and GEPs) is replaced by its slot or its loads
 * rebuilt from one; an {@code inttoptr} of such an address inside an instruction, at any depth
 * of constant expressions and aggregates, or an {@code inttoptr} instruction of a literal, is
 * replaced by a slot load placed before it. {@link RelocationLowering} later shapes the slots
 * for a strategy.
 *
 * <p>Deterministic and idempotent: slot names depend only on keys, the module records its slots
 * ({@code !gpuc.runtime_globals}) so a second run changes nothing and returns the same table, and
 * the same module from a later session (same keys, other addresses) comes out byte-identical.
 * Addresses nobody knows (or that cannot be taken out) are reported as {@link RemainingAddress}es
 * with their function and instruction: such a module is not portable.
 */
public final class RuntimeGlobalExtraction implements Pass {
    private final RuntimeValues values;
    private final int hoistedAddressSpace;

    /**
     * @param hoistedAddressSpace address space of slots made for addresses found in code (a
     *                            slot replacing a global keeps that global's address space);
     *                            the backend's {@code globalAddressSpace()}
     */
    public RuntimeGlobalExtraction(RuntimeValues values, int hoistedAddressSpace) {
        this.values = Objects.requireNonNull(values, "values");
        this.hoistedAddressSpace = hoistedAddressSpace;
    }

    public RuntimeGlobalExtraction(RuntimeValues values) {
        this(values, 0);
    }

    @Override
    public String name() {
        return "extract-runtime-globals";
    }

    @Override
    public boolean run(Module module) {
        return extract(module).changed();
    }

    /**
     * Extracts in place and says what was found.
     *
     * @throws dev.gpuc.api.UnresolvedRuntimeValue when the module already has a slot whose key
     *                                              this session does not know
     */
    public ExtractionResult extract(Module module) {
        return new Extractor(module.unwrap(), values, hoistedAddressSpace).run(true);
    }

    /**
     * {@link #extract(Module)} for a module parsed (and linked) from {@code sources}. IR text
     * spells every literal address with {@code inttoptr}; when every source is text that never
     * does, the module holds none, and the walk over every instruction is skipped (slots a
     * previous run made are still taken over).
     */
    public ExtractionResult extract(Module module, Collection<ModuleSource> sources) {
        boolean mayHoldAddresses = sources.stream().anyMatch(RuntimeGlobalExtraction::mayHoldAddresses);
        return new Extractor(module.unwrap(), values, hoistedAddressSpace).run(mayHoldAddresses);
    }

    private static final byte[] INTTOPTR = "inttoptr".getBytes(StandardCharsets.US_ASCII);

    /** Bitcode cannot be told without reading it; text can by looking for the word. */
    static boolean mayHoldAddresses(ModuleSource source) {
        byte[] bytes = source.bytesUnsafe();
        return Context.isBitcode(bytes) || indexOf(bytes, INTTOPTR) >= 0;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0, last = haystack.length - needle.length; i <= last; i++) {
            if (haystack[i] != needle[0]) {
                continue;
            }
            for (int k = 1; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        return name();
    }
}

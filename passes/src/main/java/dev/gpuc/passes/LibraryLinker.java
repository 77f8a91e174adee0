package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.api.InvalidInputIr;
import dev.gpuc.ir.Module;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMTargetDataRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Links device libraries with "only needed" semantics (only what the module uses comes in),
 * accepting libraries from an older LLVM whose triple spelling, data layout or harmless module
 * flags differ, and flags the backend sets itself ({@code Backend.normalisedModuleFlags()}):
 * those are normalised to the module's; anything unsafe is refused by name.
 */
public final class LibraryLinker {
    private LibraryLinker() {}

    /** Module flags whose values never change the meaning of device code. */
    static final Set<String> HARMLESS_FLAGS = Set.of("wchar_size", "PIC Level", "PIE Level", "uwtable",
            "frame-pointer", "Dwarf Version", "Debug Info Version", "direct-access-external-data", "SDK Version");

    /** Architectures that are one target under two spellings. */
    private static final Map<String, String> ARCH_ALIASES = Map.of("spir64", "spirv64", "spir", "spirv32",
            "spirv", "spirv32", "amdgcn", "amdgcn", "nvptx64", "nvptx64");

    /**
     * Normalises {@code library} to {@code module} and links the functions {@code module} needs;
     * {@code library} is consumed.
     *
     * @param normalisedFlags module flags the backend overrides anyway: a library may differ in them
     * @throws InvalidInputIr naming {@code libraryName} when its target, data layout or a module
     *                        flag is incompatible
     */
    public static void link(Module module, Module library, String libraryName, Set<String> normalisedFlags) {
        try {
            normalise(module, library, libraryName, normalisedFlags);
        } catch (RuntimeException e) {
            library.close();
            throw e;
        }
        try {
            module.link(library, true);
        } catch (dev.gpuc.ir.LlvmException e) {
            throw new InvalidInputIr(libraryName, 0, 0, "cannot link " + libraryName + ": " + e.getMessage(), e);
        }
    }

    /** Makes the library's triple, data layout and harmless flags agree with the module's. */
    static void normalise(Module module, Module library, String libraryName, Set<String> normalisedFlags) {
        String triple = module.triple();
        String libTriple = library.triple();
        if (!libTriple.isEmpty() && !triple.isEmpty() && !arch(libTriple).equals(arch(triple))) {
            throw new InvalidInputIr(libraryName, libraryName + " is built for " + libTriple + " but the module for " + triple);
        }
        library.setTriple(triple);
        String layout = module.dataLayout();
        String libLayout = library.dataLayout();
        if (!layout.isEmpty() && !libLayout.equals(layout) && !saysNothingElse(libLayout, layout)
                && !compatibleLayouts(layout, libLayout)) {
            throw new InvalidInputIr(libraryName, libraryName + " has data layout \"" + libLayout
                    + "\", incompatible with the module's \"" + layout + "\"");
        }
        library.setDataLayout(layout);
        normaliseFlags(module.unwrap(), library.unwrap(), libraryName, normalisedFlags);
    }

    /**
     * Whether every specification of the library's layout is also the module's: an empty one,
     * or what LLVM fills in for a library that had none (its bitcode reader gives an amdgcn
     * library {@code G1-ni:7:8:9-p7:…-p8:…-p9:…}, whose other pointer sizes are defaults that
     * {@link #compatibleLayouts} would find wrong).
     */
    private static boolean saysNothingElse(String libLayout, String layout) {
        return libLayout.isEmpty() || Set.of(layout.split("-")).containsAll(List.of(libLayout.split("-")));
    }

    private static String arch(String triple) {
        String a = triple.split("-", 2)[0];
        return ARCH_ALIASES.getOrDefault(a, a);
    }

    /** Same endianness and the same pointer sizes in the address spaces GPUs use. */
    private static boolean compatibleLayouts(String a, String b) {
        LLVMTargetDataRef da = LLVMCreateTargetData(a);
        LLVMTargetDataRef db = LLVMCreateTargetData(b);
        try {
            if (LLVMByteOrder(da) != LLVMByteOrder(db)) {
                return false;
            }
            for (int as = 0; as <= 8; as++) {
                if (LLVMPointerSizeForAS(da, as) != LLVMPointerSizeForAS(db, as)) {
                    return false;
                }
            }
            return true;
        } finally {
            LLVMDisposeTargetData(da);
            LLVMDisposeTargetData(db);
        }
    }

    private record Flag(LLVMValueRef node, int behavior, String key, LLVMValueRef value) {}

    private static void normaliseFlags(LLVMModuleRef module, LLVMModuleRef library, String libraryName,
                                       Set<String> normalisedFlags) {
        Map<String, Flag> ours = new HashMap<>();
        for (Flag f : flags(module)) {
            ours.put(f.key(), f);
        }
        for (Flag theirs : flags(library)) {
            Flag mine = ours.get(theirs.key());
            if (mine == null || sameValue(mine, theirs)) {
                continue;
            }
            boolean strict = mine.behavior() == LLVMModuleFlagBehaviorError
                    || theirs.behavior() == LLVMModuleFlagBehaviorError || mine.behavior() != theirs.behavior();
            if (!strict) {
                continue; // LLVM's linker merges these (max, append, warning, override)
            }
            if (!HARMLESS_FLAGS.contains(theirs.key()) && !normalisedFlags.contains(theirs.key())) {
                throw new InvalidInputIr(libraryName, "module flag '" + theirs.key() + "' is " + Refs.print(theirs.value())
                        + " in " + libraryName + " but " + Refs.print(mine.value()) + " in the module; not linking"
                        + " code built with different semantics");
            }
            LLVMReplaceMDNodeOperandWith(theirs.node(), 0, LLVMValueAsMetadata(operand(mine.node(), 0)));
            LLVMReplaceMDNodeOperandWith(theirs.node(), 2, LLVMValueAsMetadata(mine.value()));
        }
    }

    private static boolean sameValue(Flag a, Flag b) {
        return a.behavior() == b.behavior() && Refs.print(a.value()).equals(Refs.print(b.value()));
    }

    private static List<Flag> flags(LLVMModuleRef m) {
        int n = LLVMGetNamedMetadataNumOperands(m, "llvm.module.flags");
        if (n == 0) {
            return List.of();
        }
        PointerPointer<LLVMValueRef> nodes = new PointerPointer<>(n);
        LLVMGetNamedMetadataOperands(m, "llvm.module.flags", nodes);
        List<Flag> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            LLVMValueRef node = nodes.get(LLVMValueRef.class, i);
            if (LLVMGetMDNodeNumOperands(node) != 3) {
                continue;
            }
            LLVMValueRef behavior = operand(node, 0);
            LLVMValueRef key = operand(node, 1);
            int[] len = new int[1];
            var keyBytes = LLVMGetMDString(key, len);
            if (Refs.isNull(keyBytes) || !Refs.is(LLVMIsAConstantInt(behavior))) {
                continue;
            }
            byte[] k = new byte[len[0]];
            keyBytes.get(k);
            out.add(new Flag(node, (int) LLVMConstIntGetZExtValue(behavior) - 1,
                    new String(k, java.nio.charset.StandardCharsets.UTF_8), operand(node, 2)));
        }
        return out;
    }

    private static LLVMValueRef operand(LLVMValueRef node, int index) {
        int n = LLVMGetMDNodeNumOperands(node);
        PointerPointer<LLVMValueRef> ops = new PointerPointer<>(n);
        LLVMGetMDNodeOperands(node, ops);
        return ops.get(LLVMValueRef.class, index);
    }
}

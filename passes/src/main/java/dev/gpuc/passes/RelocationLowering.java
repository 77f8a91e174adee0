package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RelocationTable;
import dev.gpuc.api.Slot;
import dev.gpuc.api.UnsupportedFeature;
import dev.gpuc.ir.CStrings;
import dev.gpuc.ir.Module;
import java.util.Collection;
import java.util.List;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Shapes the neutral slots that {@link RuntimeGlobalExtraction} left for one relocation strategy
 * (DESIGN.md, "relocation strategies"; GPUCompiler.jl's {@code :bake}, {@code :patch},
 * {@code :import}):
 * <ul>
 * <li>BAKE: each slot load becomes the constant {@code inttoptr (i64 <compile-time value>)};
 *     a slot still used otherwise becomes a private constant holding that value.</li>
 * <li>PATCH: {@code @slot = externally_initialized global T null}, external and visible; the
 *     loader writes the value after loading.</li>
 * <li>IMPORT: {@code @slot = extern_weak global i8} (never {@code dso_local}) whose address is
 *     the value; each slot load becomes {@code @slot} itself.</li>
 * <li>TABLE: entry points get a trailing {@code ptr addrspace(N)} parameter pointing to 64-bit
 *     values; slot i is read from {@code table[i]} (i its position in the table). Functions
 *     that read slots, and their callers, get the table threaded as a trailing parameter.</li>
 * </ul>
 * Slots of the table that the module no longer has (dead code removed) are skipped.
 */
public final class RelocationLowering {
    /** Name of the trailing table parameter under TABLE. */
    public static final String TABLE_PARAMETER = "gpuc_rt_table";

    private RelocationLowering() {}

    /**
     * @param entryPoints          names of the entry points (only TABLE uses them)
     * @param tableAddressSpace    address space the TABLE parameter points into: the backend's
     *                             {@code globalAddressSpace()}
     * @throws UnsupportedFeature when the module uses a slot in a way the strategy cannot
     *                            express (its address taken under IMPORT or TABLE, say)
     */
    public static void lower(Module module, RelocationTable table, RelocationStrategy strategy,
                             Collection<String> entryPoints, int tableAddressSpace) {
        LLVMModuleRef m = module.unwrap();
        switch (strategy) {
            case BAKE -> table.slots().forEach(s -> global(m, s).ifPresent(g -> bake(g, s)));
            case PATCH -> table.slots().forEach(s -> global(m, s).ifPresent(RelocationLowering::patch));
            case IMPORT -> table.slots().forEach(s -> global(m, s).ifPresent(g -> importSlot(m, g, s)));
            case TABLE -> TableThreading.apply(m, table, List.copyOf(entryPoints), tableAddressSpace);
        }
    }

    static java.util.Optional<LLVMValueRef> global(LLVMModuleRef m, Slot s) {
        LLVMValueRef g = LLVMGetNamedGlobal(m, CStrings.of(s.name()));
        return Refs.isNull(g) ? java.util.Optional.empty() : java.util.Optional.of(g);
    }

    private static void bake(LLVMValueRef g, Slot s) {
        for (LLVMValueRef u : Refs.users(g)) {
            if (Refs.is(LLVMIsALoadInst(u))) {
                LLVMReplaceAllUsesWith(u, constant(LLVMTypeOf(u), s.compileTimeValue(), LLVMGetGlobalParent(g)));
                LLVMInstructionEraseFromParent(u);
            }
        }
        if (Refs.users(g).isEmpty()) {
            LLVMDeleteGlobal(g);
            return;
        }
        LLVMTypeRef type = LLVMGlobalGetValueType(g);
        LLVMSetInitializer(g, constant(type, s.compileTimeValue(), LLVMGetGlobalParent(g)));
        LLVMSetGlobalConstant(g, 1);
        LLVMSetLinkage(g, LLVMPrivateLinkage);
    }

    /** The address as a constant of a pointer or integer type. */
    private static LLVMValueRef constant(LLVMTypeRef type, long value, LLVMModuleRef m) {
        LLVMValueRef bits = LLVMConstInt(LLVMInt64TypeInContext(LLVMGetModuleContext(m)), value, 0);
        if (Refs.isPointer(type)) {
            return LLVMConstIntToPtr(bits, type);
        }
        if (Refs.isInteger(type)) {
            return LLVMConstInt(type, value, 0);
        }
        throw new UnsupportedFeature("a runtime-global slot is read as " + Refs.printType(type)
                + "; BAKE can only bake pointers and integers");
    }

    private static void patch(LLVMValueRef g) {
        LLVMSetInitializer(g, LLVMConstNull(LLVMGlobalGetValueType(g)));
        LLVMSetExternallyInitialized(g, 1);
        LLVMSetGlobalConstant(g, 0);
        LLVMSetLinkage(g, LLVMExternalLinkage);
        LLVMSetVisibility(g, LLVMDefaultVisibility);
    }

    private static void importSlot(LLVMModuleRef m, LLVMValueRef g, Slot s) {
        List<LLVMValueRef> users = Refs.users(g);
        for (LLVMValueRef u : users) {
            if (!Refs.is(LLVMIsALoadInst(u))) {
                throw new UnsupportedFeature("slot " + s.name() + " (" + s.key() + ") is used by " + Refs.print(u)
                        + "; under IMPORT a slot's address is the value, so it can only be read");
            }
        }
        LLVMTypeRef i8 = LLVMInt8TypeInContext(LLVMGetModuleContext(m));
        LLVMValueRef symbol = LLVMAddGlobalInAddressSpace(m, i8, CStrings.of(s.name() + ".gpuc.import"), s.addressSpace());
        LLVMSetLinkage(symbol, LLVMExternalWeakLinkage);
        for (LLVMValueRef load : users) {
            LLVMReplaceAllUsesWith(load, addressAs(symbol, LLVMTypeOf(load)));
            LLVMInstructionEraseFromParent(load);
        }
        LLVMDeleteGlobal(g);
        Refs.setName(symbol, s.name());
    }

    private static LLVMValueRef addressAs(LLVMValueRef symbol, LLVMTypeRef type) {
        if (Refs.isInteger(type)) {
            return LLVMConstPtrToInt(symbol, type);
        }
        if (!Refs.isPointer(type)) {
            throw new UnsupportedFeature("a runtime-global slot is read as " + Refs.printType(type)
                    + "; IMPORT can only supply pointers and integers");
        }
        return LLVMGetPointerAddressSpace(type) == LLVMGetPointerAddressSpace(LLVMTypeOf(symbol))
                ? symbol : LLVMConstAddrSpaceCast(symbol, type);
    }
}

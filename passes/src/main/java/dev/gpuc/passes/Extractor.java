package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.api.RelocationTable;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.Slot;
import dev.gpuc.api.UnresolvedRuntimeValue;
import dev.gpuc.ir.CStrings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMBuilderRef;
import org.bytedeco.llvm.LLVM.LLVMContextRef;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/** One run of {@link RuntimeGlobalExtraction} over one module: the state of that run. */
final class Extractor {
    /** A slot of this module: the neutral-form global and what it stands for. */
    private record SlotGlobal(String name, String key, long address, LLVMValueRef global, LLVMTypeRef valueType,
                              int addressSpace) {}

    private final LLVMModuleRef m;
    private final LLVMContextRef ctx;
    private final RuntimeValues values;
    private final int hoistedAddressSpace;
    private final AddressConstants constants;
    private final Materializer materializer;
    private final Map<String, SlotGlobal> slots = new LinkedHashMap<>();
    private final Set<Long> slotGlobals = new HashSet<>();
    /** Why a known address could not be extracted, by global name or instruction. */
    private final Map<String, String> globalReasons = new HashMap<>();
    /** Instructions extraction made, by address: checked when made, not walked again. */
    private final Set<Long> made = new HashSet<>();
    private final List<RemainingAddress> remaining = new ArrayList<>();
    private boolean changed;

    Extractor(LLVMModuleRef m, RuntimeValues values, int hoistedAddressSpace) {
        this.m = m;
        this.ctx = LLVMGetModuleContext(m);
        this.values = values;
        this.hoistedAddressSpace = hoistedAddressSpace;
        this.constants = new AddressConstants(values);
        this.materializer = new Materializer(ctx, constants, this::loadSlot);
    }

    /** @param walk whether to look for addresses; without, only slots a previous run made are taken over */
    ExtractionResult run(boolean walk) {
        adoptExistingSlots();
        if (!walk) {
            return new ExtractionResult(table(), remaining, changed);
        }
        LLVMBuilderRef builder = LLVMCreateBuilderInContext(ctx);
        try {
            for (LLVMValueRef g : Refs.globals(m)) {
                extractGlobal(g, builder);
            }
            remainingInGlobals();
            for (LLVMValueRef f : Refs.functions(m)) {
                extractFunction(f, builder);
            }
        } finally {
            LLVMDisposeBuilder(builder);
        }
        return new ExtractionResult(table(), remaining, changed);
    }

    // Slots.

    /** Slots a previous run made: extraction is idempotent, so they are kept with their keys. */
    private void adoptExistingSlots() {
        for (SlotMetadata.Entry e : SlotMetadata.read(m)) {
            LLVMValueRef g = LLVMGetNamedGlobal(m, CStrings.of(e.slot()));
            if (Refs.isNull(g) || slots.containsKey(e.key())) {
                continue;
            }
            OptionalLong address = values.addressOf(e.key());
            if (address.isEmpty()) {
                throw new UnresolvedRuntimeValue(e.key(), "slot " + e.slot() + " stands for runtime value '"
                        + e.key() + "', which the front end does not know in this session");
            }
            slotGlobals.add(g.address());
            slots.put(e.key(), new SlotGlobal(e.slot(), e.key(), address.getAsLong(), g, LLVMGlobalGetValueType(g),
                    LLVMGetPointerAddressSpace(LLVMTypeOf(g))));
        }
    }

    private boolean isSlot(LLVMValueRef g) {
        return slotGlobals.contains(g.address());
    }

    private SlotGlobal slot(String key, long address, LLVMTypeRef valueType, int addressSpace) {
        SlotGlobal s = slots.get(key);
        if (s != null) {
            return s;
        }
        String name = SlotNames.forKey(key, n -> Refs.symbolExists(m, n));
        LLVMValueRef g = LLVMAddGlobalInAddressSpace(m, valueType, CStrings.of(name), addressSpace);
        LLVMSetLinkage(g, LLVMExternalLinkage);
        s = new SlotGlobal(name, key, address, g, valueType, addressSpace);
        slots.put(key, s);
        slotGlobals.add(g.address());
        SlotMetadata.append(m, new SlotMetadata.Entry(name, key));
        changed = true;
        return s;
    }

    private RelocationTable table() {
        List<Slot> out = new ArrayList<>(slots.size());
        for (SlotGlobal s : slots.values()) {
            out.add(new Slot(s.name(), s.key(), s.address(), PointerSizes.of(m, s.addressSpace()), s.addressSpace()));
        }
        return new RelocationTable(out);
    }

    // Globals initialised with an address.

    private void extractGlobal(LLVMValueRef g, LLVMBuilderRef builder) {
        LLVMValueRef init = LLVMGetInitializer(g);
        if (Refs.isNull(init) || isSlot(g) || !constants.containsKnown(init)) {
            return;
        }
        boolean onlyLoads = onlyLoads(g);
        boolean constant = LLVMIsGlobalConstant(g) != 0;
        String name = Refs.name(g);
        if (!constant && !onlyLoads) {
            globalReasons.put(name, "global @" + name + " is mutable and used other than by loads");
            return;
        }
        String key = constants.knownKey(init);
        if (key != null) {
            SlotGlobal existing = slots.get(key);
            LLVMTypeRef type = LLVMGlobalGetValueType(g);
            int space = LLVMGetPointerAddressSpace(LLVMTypeOf(g));
            boolean compatible = existing == null
                    || existing.valueType().address() == type.address() && existing.addressSpace() == space;
            if (compatible) {
                // The global already is a slot in all but form: a memory cell holding the address.
                SlotGlobal s = slot(key, constants.literalOf(init), type, space);
                LLVMReplaceAllUsesWith(g, s.global());
                LLVMDeleteGlobal(g);
                changed = true;
                return;
            }
        }
        if (!onlyLoads) {
            globalReasons.put(name, "global @" + name + " is used other than by loads and its value is not"
                    + " exactly one runtime address of a type and address space its slot can hold");
            return;
        }
        String obstacle = materializer.obstacle(init);
        if (obstacle == null && !Materializer.isScalar(LLVMGlobalGetValueType(g))) {
            obstacle = "global @" + name + " holds runtime addresses inside " + Refs.printType(LLVMGlobalGetValueType(g)) + "; only globals holding one address are extracted";
        }
        for (LLVMValueRef load : Refs.users(g)) {
            if (obstacle == null && !Materializer.isScalar(LLVMTypeOf(load))) {
                obstacle = "global @" + name + " is read as something other than an address: " + Refs.print(load);
            }
        }
        if (obstacle != null) {
            globalReasons.put(name, obstacle);
            return;
        }
        for (LLVMValueRef load : Refs.users(g)) {
            position(builder, load, load);
            LLVMValueRef v = materializer.convert(builder, materializer.rebuild(init, builder), LLVMTypeOf(load));
            LLVMReplaceAllUsesWith(load, v);
            LLVMInstructionEraseFromParent(load);
        }
        LLVMDeleteGlobal(g);
        changed = true;
    }

    private static boolean onlyLoads(LLVMValueRef g) {
        for (LLVMValueRef u : Refs.users(g)) {
            if (!Refs.is(LLVMIsALoadInst(u))) {
                return false;
            }
        }
        return true;
    }

    // Addresses in code.

    /**
     * One walk over the function's instructions that extracts and, in the same visit, reports
     * what stays: an instruction can only hold an address afterwards if it held one before, or
     * if extraction made it (rebuilding a constant that also holds addresses nobody knows).
     */
    private void extractFunction(LLVMValueRef f, LLVMBuilderRef builder) {
        String fn = null;
        for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(f); !Refs.isNull(b); b = LLVMGetNextBasicBlock(b)) {
            LLVMValueRef next;
            for (LLVMValueRef inst = LLVMGetFirstInstruction(b); !Refs.isNull(inst); inst = next) {
                // Taken first: extraction may erase inst, and only inserts before it.
                next = LLVMGetNextInstruction(inst);
                if (!made.isEmpty() && made.contains(inst.address())) {
                    continue;
                }
                fn = fn == null ? Refs.name(f) : fn;
                extractInstruction(fn, inst, builder);
            }
        }
    }

    private void extractInstruction(String fn, LLVMValueRef inst, LLVMBuilderRef builder) {
        Set<Long> left = null;
        if (LLVMGetInstructionOpcode(inst) == LLVMIntToPtr) {
            OptionalLong a = AddressConstants.integerLiteral(LLVMGetOperand(inst, 0));
            if (a.isPresent()) {
                String key = constants.keyOf(a.getAsLong());
                if (key != null) {
                    position(builder, inst, inst);
                    LLVMValueRef v = loadSlot(key, a.getAsLong(), LLVMTypeOf(inst), builder);
                    LLVMReplaceAllUsesWith(inst, v);
                    LLVMInstructionEraseFromParent(inst);
                    changed = true;
                    return;
                }
                if (a.getAsLong() != 0) {
                    left = new LinkedHashSet<>();
                    left.add(a.getAsLong());
                }
            }
        }
        boolean phi = Refs.is(LLVMIsAPHINode(inst));
        Map<String, LLVMValueRef> perIncoming = phi ? new HashMap<>() : Map.of();
        String reason = null;
        int n = LLVMGetNumOperands(inst);
        for (int i = 0; i < n; i++) {
            LLVMValueRef op = LLVMGetOperand(inst, i);
            long[] addresses = constants.addressesIn(op);
            if (addresses.length == 0) {
                continue;
            }
            String obstacle = constants.anyKnown(addresses) ? materializer.obstacle(op) : "";
            if (obstacle != null) {
                left = left == null ? new LinkedHashSet<>() : left;
                for (long a : addresses) {
                    left.add(a);
                }
                reason = obstacle.isEmpty() ? reason : obstacle;
                continue;
            }
            LLVMValueRef v;
            if (phi) {
                // A phi may list one block twice; both entries must get the same value.
                var block = LLVMGetIncomingBlock(inst, i);
                String memo = LLVMBasicBlockAsValue(block).address() + ":" + op.address();
                v = perIncoming.get(memo);
                if (v == null) {
                    v = rebuild(fn, op, addresses, LLVMGetBasicBlockTerminator(block), inst, builder);
                    perIncoming.put(memo, v);
                }
            } else {
                v = rebuild(fn, op, addresses, inst, inst, builder);
            }
            LLVMSetOperand(inst, i, v);
            changed = true;
        }
        if (left != null) {
            report(fn, inst, left, reason);
        }
    }

    /**
     * Rebuilds a constant holding {@code addresses} as instructions before {@code before}. When
     * some of them are unknown, the instructions made still hold those: they are checked here
     * and skipped by the walk. (With every address known, they hold none, and the walk may pass
     * them harmlessly.)
     */
    private LLVMValueRef rebuild(String fn, LLVMValueRef constant, long[] addresses, LLVMValueRef before,
                                 LLVMValueRef debugLocationOf, LLVMBuilderRef builder) {
        if (constants.allKnown(addresses)) {
            position(builder, before, debugLocationOf);
            return materializer.rebuild(constant, builder);
        }
        LLVMValueRef previous = LLVMGetPreviousInstruction(before);
        position(builder, before, debugLocationOf);
        LLVMValueRef v = materializer.rebuild(constant, builder);
        LLVMValueRef i = Refs.isNull(previous) ? LLVMGetFirstInstruction(LLVMGetInstructionParent(before))
                : LLVMGetNextInstruction(previous);
        for (; i.address() != before.address(); i = LLVMGetNextInstruction(i)) {
            made.add(i.address());
            Set<Long> held = new LinkedHashSet<>();
            for (int k = 0, n = LLVMGetNumOperands(i); k < n; k++) {
                for (long a : constants.addressesIn(LLVMGetOperand(i, k))) {
                    held.add(a);
                }
            }
            if (!held.isEmpty()) {
                report(fn, i, held, null);
            }
        }
        return v;
    }

    private static void position(LLVMBuilderRef builder, LLVMValueRef before, LLVMValueRef debugLocationOf) {
        LLVMPositionBuilderBefore(builder, before);
        LLVMSetCurrentDebugLocation2(builder, LLVMInstructionGetDebugLoc(debugLocationOf));
    }

    private LLVMValueRef loadSlot(String key, long address, LLVMTypeRef want, LLVMBuilderRef builder) {
        SlotGlobal s = slot(key, address, want, hoistedAddressSpace);
        return materializer.convert(builder, LLVMBuildLoad2(builder, s.valueType(), s.global(), CStrings.EMPTY), want);
    }

    // What stays.

    /** After the globals were extracted: addresses still in initializers. */
    private void remainingInGlobals() {
        for (LLVMValueRef g : Refs.globals(m)) {
            LLVMValueRef init = LLVMGetInitializer(g);
            if (Refs.isNull(init)) {
                continue;
            }
            String name = Refs.name(g);
            for (long a : constants.addressesIn(init)) {
                remaining.add(remainder(a, "", "initializer of @" + name, globalReasons.get(name)));
            }
        }
    }

    private void report(String fn, LLVMValueRef inst, Set<Long> addresses, String reason) {
        String where = Refs.print(inst);
        for (long a : addresses) {
            remaining.add(remainder(a, fn, where, reason));
        }
    }

    private RemainingAddress remainder(long address, String function, String location, String reason) {
        String key = constants.keyOf(address);
        String why = key == null ? "address not known to the front end"
                : reason != null ? reason : "runtime address could not be extracted";
        return new RemainingAddress(address, key == null ? "" : key, function, location, why);
    }
}

package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.api.RelocationTable;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.Slot;
import dev.gpuc.api.UnresolvedRuntimeValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.bytedeco.javacpp.PointerPointer;
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
    private final java.util.Set<Long> slotGlobals = new java.util.HashSet<>();
    /** Why a known address could not be extracted, by global name or instruction. */
    private final Map<String, String> globalReasons = new HashMap<>();
    private final Map<Long, String> instructionReasons = new HashMap<>();
    private boolean changed;

    Extractor(LLVMModuleRef m, RuntimeValues values, int hoistedAddressSpace) {
        this.m = m;
        this.ctx = LLVMGetModuleContext(m);
        this.values = values;
        this.hoistedAddressSpace = hoistedAddressSpace;
        this.constants = new AddressConstants(values);
        this.materializer = new Materializer(ctx, constants, this::loadSlot);
    }

    ExtractionResult run() {
        adoptExistingSlots();
        LLVMBuilderRef builder = LLVMCreateBuilderInContext(ctx);
        try {
            for (LLVMValueRef g : Refs.globals(m)) {
                extractGlobal(g, builder);
            }
            for (LLVMValueRef f : Refs.functions(m)) {
                for (LLVMValueRef i : Refs.instructions(f)) {
                    extractInstruction(i, builder);
                }
            }
        } finally {
            LLVMDisposeBuilder(builder);
        }
        return new ExtractionResult(table(), remaining(), changed);
    }

    // Slots.

    /** Slots a previous run made: extraction is idempotent, so they are kept with their keys. */
    private void adoptExistingSlots() {
        for (SlotMetadata.Entry e : SlotMetadata.read(m)) {
            LLVMValueRef g = LLVMGetNamedGlobal(m, e.slot());
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
        LLVMValueRef g = LLVMAddGlobalInAddressSpace(m, valueType, name, addressSpace);
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
                SlotGlobal s = slot(key, AddressConstants.literalAddress(init).getAsLong(), type, space);
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

    private void extractInstruction(LLVMValueRef inst, LLVMBuilderRef builder) {
        if (LLVMGetInstructionOpcode(inst) == LLVMIntToPtr) {
            OptionalLong a = AddressConstants.integerLiteral(LLVMGetOperand(inst, 0));
            String key = a.isPresent() ? constants.keyOf(a.getAsLong()) : null;
            if (key != null) {
                position(builder, inst, inst);
                LLVMValueRef v = loadSlot(key, a.getAsLong(), LLVMTypeOf(inst), builder);
                LLVMReplaceAllUsesWith(inst, v);
                LLVMInstructionEraseFromParent(inst);
                return;
            }
        }
        boolean phi = Refs.is(LLVMIsAPHINode(inst));
        Map<String, LLVMValueRef> perIncoming = phi ? new HashMap<>() : Map.of();
        int n = LLVMGetNumOperands(inst);
        for (int i = 0; i < n; i++) {
            LLVMValueRef op = LLVMGetOperand(inst, i);
            if (!AddressConstants.isWalkable(op) || !constants.containsKnown(op)) {
                continue;
            }
            String obstacle = materializer.obstacle(op);
            if (obstacle != null) {
                instructionReasons.put(inst.address(), obstacle);
                continue;
            }
            LLVMValueRef v;
            if (phi) {
                // A phi may list one block twice; both entries must get the same value.
                var block = LLVMGetIncomingBlock(inst, i);
                String memo = LLVMBasicBlockAsValue(block).address() + ":" + op.address();
                v = perIncoming.get(memo);
                if (v == null) {
                    position(builder, LLVMGetBasicBlockTerminator(block), inst);
                    v = materializer.rebuild(op, builder);
                    perIncoming.put(memo, v);
                }
            } else {
                position(builder, inst, inst);
                v = materializer.rebuild(op, builder);
            }
            LLVMSetOperand(inst, i, v);
            changed = true;
        }
    }

    private static void position(LLVMBuilderRef builder, LLVMValueRef before, LLVMValueRef debugLocationOf) {
        LLVMPositionBuilderBefore(builder, before);
        LLVMSetCurrentDebugLocation2(builder, LLVMInstructionGetDebugLoc(debugLocationOf));
    }

    private LLVMValueRef loadSlot(String key, long address, LLVMTypeRef want, LLVMBuilderRef builder) {
        SlotGlobal s = slot(key, address, want, hoistedAddressSpace);
        return materializer.convert(builder, LLVMBuildLoad2(builder, s.valueType(), s.global(), ""), want);
    }

    // What stays.

    private List<RemainingAddress> remaining() {
        List<RemainingAddress> out = new ArrayList<>();
        for (LLVMValueRef g : Refs.globals(m)) {
            LLVMValueRef init = LLVMGetInitializer(g);
            if (Refs.isNull(init)) {
                continue;
            }
            String name = Refs.name(g);
            for (long a : constants.addressesIn(init)) {
                out.add(remainder(a, "", "initializer of @" + name, globalReasons.get(name)));
            }
        }
        for (LLVMValueRef f : Refs.functions(m)) {
            String fn = Refs.name(f);
            for (LLVMValueRef inst : Refs.instructions(f)) {
                List<Long> found = new ArrayList<>();
                if (LLVMGetInstructionOpcode(inst) == LLVMIntToPtr) {
                    AddressConstants.integerLiteral(LLVMGetOperand(inst, 0)).ifPresent(a -> {
                        if (a != 0) {
                            found.add(a);
                        }
                    });
                }
                int n = LLVMGetNumOperands(inst);
                for (int i = 0; i < n; i++) {
                    found.addAll(constants.addressesIn(LLVMGetOperand(inst, i)));
                }
                if (!found.isEmpty()) {
                    String where = Refs.print(inst);
                    String reason = instructionReasons.get(inst.address());
                    for (long a : found.stream().distinct().toList()) {
                        out.add(remainder(a, fn, where, reason));
                    }
                }
            }
        }
        return out;
    }

    private RemainingAddress remainder(long address, String function, String location, String reason) {
        String key = constants.keyOf(address);
        String why = key == null ? "address not known to the front end"
                : reason != null ? reason : "runtime address could not be extracted";
        return new RemainingAddress(address, key == null ? "" : key, function, location, why);
    }
}

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

    /** A constant that cannot be rebuilt as instructions; the address it holds stays baked. */
    private static final class Unmaterializable extends Exception {
        private static final long serialVersionUID = 1L;

        Unmaterializable(String message) {
            super(message, null, false, false);
        }
    }

    private final LLVMModuleRef m;
    private final LLVMContextRef ctx;
    private final RuntimeValues values;
    private final int hoistedAddressSpace;
    private final AddressConstants constants;
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
        try {
            for (LLVMValueRef load : Refs.users(g)) {
                LLVMPositionBuilderBefore(builder, load);
                LLVMSetCurrentDebugLocation2(builder, LLVMInstructionGetDebugLoc(load));
                LLVMValueRef v = convert(builder, materialize(init, builder), LLVMTypeOf(load));
                LLVMReplaceAllUsesWith(load, v);
                LLVMInstructionEraseFromParent(load);
            }
            LLVMDeleteGlobal(g);
            changed = true;
        } catch (Unmaterializable e) {
            globalReasons.put(name, e.getMessage());
        }
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
            try {
                LLVMValueRef v;
                if (phi) {
                    // A phi may list one block twice; both entries must get the same value.
                    var block = LLVMGetIncomingBlock(inst, i);
                    String memo = LLVMBasicBlockAsValue(block).address() + ":" + op.address();
                    v = perIncoming.get(memo);
                    if (v == null) {
                        position(builder, LLVMGetBasicBlockTerminator(block), inst);
                        v = materialize(op, builder);
                        perIncoming.put(memo, v);
                    }
                } else {
                    position(builder, inst, inst);
                    v = materialize(op, builder);
                }
                LLVMSetOperand(inst, i, v);
                changed = true;
            } catch (Unmaterializable e) {
                instructionReasons.put(inst.address(), e.getMessage());
            }
        }
    }

    private static void position(LLVMBuilderRef builder, LLVMValueRef before, LLVMValueRef debugLocationOf) {
        LLVMPositionBuilderBefore(builder, before);
        LLVMSetCurrentDebugLocation2(builder, LLVMInstructionGetDebugLoc(debugLocationOf));
    }

    private LLVMValueRef loadSlot(String key, long address, LLVMTypeRef want, LLVMBuilderRef builder) {
        SlotGlobal s = slot(key, address, want, hoistedAddressSpace);
        LLVMValueRef v = LLVMBuildLoad2(builder, s.valueType(), s.global(), "");
        try {
            return convert(builder, v, want);
        } catch (Unmaterializable e) {
            throw new IllegalStateException("slot values are pointers and addresses are pointers", e);
        }
    }

    /**
     * Rebuilds a constant as instructions at the builder, each known address loaded from its
     * slot; parts without one stay constants.
     */
    private LLVMValueRef materialize(LLVMValueRef c, LLVMBuilderRef builder) throws Unmaterializable {
        if (!AddressConstants.isWalkable(c) || !constants.containsKnown(c)) {
            return c;
        }
        String key = constants.knownKey(c);
        if (key != null) {
            return loadSlot(key, AddressConstants.literalAddress(c).getAsLong(), LLVMTypeOf(c), builder);
        }
        int n = LLVMGetNumOperands(c);
        List<LLVMValueRef> ops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ops.add(materialize(LLVMGetOperand(c, i), builder));
        }
        LLVMTypeRef type = LLVMTypeOf(c);
        if (Refs.is(LLVMIsAConstantExpr(c))) {
            return rebuildExpression(c, ops, type, builder);
        }
        if (Refs.is(LLVMIsAConstantStruct(c)) || Refs.is(LLVMIsAConstantArray(c))) {
            LLVMValueRef agg = LLVMGetPoison(type);
            for (int i = 0; i < n; i++) {
                agg = LLVMBuildInsertValue(builder, agg, ops.get(i), i, "");
            }
            return agg;
        }
        if (Refs.is(LLVMIsAConstantVector(c))) {
            LLVMValueRef vec = LLVMGetPoison(type);
            LLVMTypeRef i32 = LLVMInt32TypeInContext(ctx);
            for (int i = 0; i < n; i++) {
                vec = LLVMBuildInsertElement(builder, vec, ops.get(i), LLVMConstInt(i32, i, 0), "");
            }
            return vec;
        }
        throw new Unmaterializable("a runtime address inside " + Refs.print(c) + " cannot be rebuilt as code");
    }

    private LLVMValueRef rebuildExpression(LLVMValueRef c, List<LLVMValueRef> ops, LLVMTypeRef type,
                                           LLVMBuilderRef builder) throws Unmaterializable {
        int opcode = LLVMGetConstOpcode(c);
        if (dev.gpuc.ir.Opcode.of(opcode).isCast()) {
            return LLVMBuildCast(builder, opcode, ops.get(0), type, "");
        }
        if (opcode == LLVMGetElementPtr) {
            PointerPointer<LLVMValueRef> indices = new PointerPointer<>(Math.max(1, ops.size() - 1));
            for (int i = 1; i < ops.size(); i++) {
                indices.put(i - 1, ops.get(i));
            }
            return LLVMBuildGEPWithNoWrapFlags(builder, LLVMGetGEPSourceElementType(c), ops.get(0), indices,
                    ops.size() - 1, "", LLVMGEPGetNoWrapFlags(c));
        }
        return switch (opcode) {
            case LLVMAdd, LLVMSub, LLVMMul, LLVMShl, LLVMXor, LLVMAnd, LLVMOr ->
                    LLVMBuildBinOp(builder, opcode, ops.get(0), ops.get(1), "");
            case LLVMExtractElement -> LLVMBuildExtractElement(builder, ops.get(0), ops.get(1), "");
            case LLVMInsertElement -> LLVMBuildInsertElement(builder, ops.get(0), ops.get(1), ops.get(2), "");
            default -> throw new Unmaterializable("a runtime address inside the constant expression "
                    + Refs.print(c) + " cannot be rebuilt as code");
        };
    }

    /** Reinterprets a pointer (or pointer-sized integer) value as {@code want}, bit for bit. */
    private LLVMValueRef convert(LLVMBuilderRef builder, LLVMValueRef v, LLVMTypeRef want) throws Unmaterializable {
        LLVMTypeRef have = LLVMTypeOf(v);
        if (have.address() == want.address()) {
            return v;
        }
        LLVMTypeRef i64 = LLVMInt64TypeInContext(ctx);
        LLVMValueRef bits = Refs.isPointer(have) ? LLVMBuildPtrToInt(builder, v, i64, "") : v;
        if (Refs.isPointer(want)) {
            return LLVMBuildIntToPtr(builder, bits, want, "");
        }
        if (Refs.isInteger(want) && Refs.isInteger(LLVMTypeOf(bits))) {
            return LLVMBuildIntCast2(builder, bits, want, 0, "");
        }
        throw new Unmaterializable("a runtime address is read as " + Refs.print(LLVMGetUndef(want)) + ", not as an address");
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

package dev.gpuc.backend.spirv;

import dev.gpuc.api.RelocationTable;
import dev.gpuc.api.Slot;
import dev.gpuc.ir.BasicBlock;
import dev.gpuc.ir.Builder;
import dev.gpuc.ir.CallingConvention;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Function;
import dev.gpuc.ir.GlobalVariable;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.Opcode;
import dev.gpuc.ir.Type;
import dev.gpuc.ir.Value;
import java.util.List;
import java.util.Optional;

/**
 * PATCH on OpenCL: the host API cannot write a program-scope variable, so the artifact carries
 * a kernel that does, {@code __gpuc_set_slots(ptr addrspace(1) values)}, storing
 * {@code values[i]} into slot i (the slot's position in the relocation table). The loader runs
 * it once after building the program, on devices whose program-scope globals are shared
 * between kernels ({@code CL_DEVICE_MAX_GLOBAL_VARIABLE_SIZE > 0}).
 */
final class SlotSetterKernel {
    private SlotSetterKernel() {}

    static final String NAME = "__gpuc_set_slots";

    static void add(Module module, RelocationTable table, int valuesAddressSpace) {
        Context ctx = module.context();
        Type i64 = ctx.intType(64);
        Type fnType = ctx.functionType(ctx.voidType(), List.of(ctx.pointerType(valuesAddressSpace)), false);
        Function setter = module.addFunction(NAME, fnType);
        setter.setCallingConvention(CallingConvention.SPIR_KERNEL);
        BasicBlock entry = setter.appendBasicBlock("entry");
        Value values = setter.parameters().get(0);
        try (Builder b = new Builder(module)) {
            b.positionAtEnd(entry);
            for (int i = 0; i < table.slots().size(); i++) {
                Slot slot = table.slots().get(i);
                // A slot nothing reads may be gone already; its table position stays reserved.
                Optional<GlobalVariable> global = module.global(slot.name());
                if (global.isEmpty()) {
                    continue;
                }
                Value address = b.gep(i64, values, List.of(module.constInt(i64, i)), slot.name() + "_at");
                Value raw = b.load(i64, address, slot.name() + "_value");
                b.store(convert(b, raw, global.get().valueType(), slot.name()), global.get());
            }
            b.retVoid();
        }
    }

    private static Value convert(Builder b, Value raw, Type to, String name) {
        if (to.isPointer()) {
            return b.cast(Opcode.INT_TO_PTR, raw, to, name);
        }
        if (to.isInteger() && to.intWidth() < 64) {
            return b.cast(Opcode.TRUNC, raw, to, name);
        }
        if (to.isInteger() && to.intWidth() == 64) {
            return raw;
        }
        throw new IllegalArgumentException("slot @" + name + " has type " + to + "; slots hold pointers or integers");
    }
}

package dev.gpuc.passes;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RelocationTable;
import dev.gpuc.api.Slot;
import dev.gpuc.ir.CodeGenFileType;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Function;
import dev.gpuc.ir.Instruction;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.Opcode;
import dev.gpuc.ir.TargetMachine;
import dev.gpuc.ir.TargetMachineSpec;
import dev.gpuc.ir.Value;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The acceptance criteria on the corpus's runtime-globals fixtures. */
class RuntimeGlobalsAcceptanceTest {
    private static final String HEX_X = Long.toHexString(Fixtures.SYMBOL_X);

    /** Function name → slot names it loads from. */
    private static Map<String, List<String>> slotLoads(Module m, RelocationTable table) {
        Map<String, List<String>> out = new HashMap<>();
        for (Function f : m.functions()) {
            for (Instruction i : f.instructions()) {
                if (i.opcode() == Opcode.LOAD) {
                    Value from = i.operand(0);
                    if (table.byName(from.name()).isPresent()) {
                        out.computeIfAbsent(f.name(), k -> new java.util.ArrayList<>()).add(from.name());
                    }
                }
            }
        }
        out.replaceAll((k, v) -> v.stream().distinct().sorted().toList());
        return out;
    }

    @ParameterizedTest
    @CsvSource({"symbol-compare.ll, neutral", "symbol-compare.ll, PATCH", "symbol-compare.ptx.ll, neutral",
        "symbol-compare.ptx.ll, PATCH", "symbol-compare.amdgpu.ll, PATCH", "symbol-compare.spirv.ll, PATCH"})
    void everySlotLoadSurvivesO3(String file, String form) {
        try (Context ctx = Context.create(); Module m = ctx.parseText(Fixtures.runtimeGlobal(file), file)) {
            RelocationTable table = new RuntimeGlobalExtraction(Fixtures.runtimeValues()).extract(m).table();
            if (!form.equals("neutral")) {
                RelocationLowering.lower(m, table, RelocationStrategy.valueOf(form), List.of(), 0);
            }
            Map<String, List<String>> before = slotLoads(m, table);
            assertFalse(before.isEmpty());
            m.runPasses("default<O3>", null, false);
            m.verify();
            assertEquals(before, slotLoads(m, table), m::print);
        }
    }

    @ParameterizedTest
    @EnumSource(value = RelocationStrategy.class, names = {"PATCH", "IMPORT", "TABLE"})
    void hostObjectHoldsNoCompileTimeAddress(RelocationStrategy strategy) {
        byte[] object = emitHost(strategy);
        assertEquals(0x7f, object[0]);
        assertFalse(Fixtures.containsLittleEndian(object, Fixtures.SYMBOL_X));
        assertFalse(Fixtures.containsLittleEndian(object, Fixtures.NOTHING));
    }

    @org.junit.jupiter.api.Test
    void hostObjectUnderBakeDoesHoldIt() {
        assertTrue(Fixtures.containsLittleEndian(emitHost(RelocationStrategy.BAKE), Fixtures.NOTHING));
    }

    private static byte[] emitHost(RelocationStrategy strategy) {
        try (Context ctx = Context.create();
             Module m = ctx.parseText(Fixtures.runtimeGlobal("symbol-compare.ll"), "host");
             TargetMachine tm = TargetMachine.create(TargetMachineSpec.of("x86_64-unknown-linux-gnu", "x86-64", "")
                     .withRelocModel(TargetMachineSpec.RelocModel.PIC))) {
            tm.configure(m);
            RelocationTable table = new RuntimeGlobalExtraction(Fixtures.runtimeValues()).extract(m).table();
            RelocationLowering.lower(m, table, strategy, List.of("is_x", "is_nothing", "address_of_x"), 0);
            m.runPasses("default<O2>", tm, false);
            m.verify();
            return tm.emit(m, CodeGenFileType.OBJECT);
        }
    }

    /** sm_75, not sm_70: CUDA 13's ptxas no longer knows Volta. */
    @ParameterizedTest
    @EnumSource(value = RelocationStrategy.class, names = {"PATCH", "TABLE"})
    void nvptxEmitsPtxThatPtxasAcceptsWithoutTheAddress(RelocationStrategy strategy) throws Exception {
        ExternalTool ptxas = ExternalTool.require("ptxas");
        String ptx = emitPtx(strategy);
        assertFalse(ptx.contains(Long.toString(Fixtures.SYMBOL_X)), ptx);
        assertFalse(ptx.toLowerCase(Locale.ROOT).contains(HEX_X), ptx);
        assertFalse(ptx.contains("jl_sym"), ptx);
        var outcome = ptxas.run(ptx.getBytes(StandardCharsets.UTF_8), ".ptx", "-arch=sm_75", "{}", "-o", "/dev/null");
        assertEquals(0, outcome.exitCode(), outcome.output() + "\n" + ptx);
    }

    @org.junit.jupiter.api.Test
    void nvptxUnderBakeHoldsTheLiteral() throws Exception {
        assertTrue(emitPtx(RelocationStrategy.BAKE).contains(Long.toString(Fixtures.SYMBOL_X)));
    }

    private static String emitPtx(RelocationStrategy strategy) {
        try (Context ctx = Context.create();
             Module m = ctx.parseText(Fixtures.runtimeGlobal("symbol-compare.ptx.ll"), "ptx");
             TargetMachine tm = TargetMachine.create(TargetMachineSpec.of("nvptx64-nvidia-cuda", "sm_75", ""))) {
            tm.configure(m);
            RelocationTable table = new RuntimeGlobalExtraction(Fixtures.runtimeValues(), 1).extract(m).table();
            Slot x = table.byKey("Symbol:x").orElseThrow();
            assertTrue(SlotNames.isPortable(x.name()));
            RelocationLowering.lower(m, table, strategy, List.of("is_x"), 1);
            m.runPasses("default<O2>", tm, false);
            m.verify();
            String ptx = new String(tm.emit(m, CodeGenFileType.ASSEMBLY), StandardCharsets.UTF_8);
            if (strategy == RelocationStrategy.PATCH) {
                assertTrue(ptx.contains(".visible .global .align 8 .u64 " + x.name()), ptx);
            }
            return ptx;
        }
    }

    @ParameterizedTest
    @EnumSource(value = RelocationStrategy.class, names = {"PATCH", "TABLE"})
    void spirvVariantEmitsAfterExtraction(RelocationStrategy strategy) throws Exception {
        byte[] spirv;
        try (Context ctx = Context.create();
             Module m = ctx.parseText(Fixtures.runtimeGlobal("symbol-compare.spirv.ll"), "spirv");
             TargetMachine tm = TargetMachine.create(TargetMachineSpec.of("spirv64-unknown-unknown", "", ""))) {
            tm.configure(m);
            RelocationTable table = new RuntimeGlobalExtraction(Fixtures.runtimeValues(), 1).extract(m).table();
            RelocationLowering.lower(m, table, strategy, List.of("is_x"), 1);
            m.verify();
            spirv = tm.emit(m, CodeGenFileType.OBJECT);
        }
        assertEquals(0x07230203, java.nio.ByteBuffer.wrap(spirv, 0, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
        assertFalse(Fixtures.containsLittleEndian(spirv, Fixtures.SYMBOL_X));
        ExternalTool spirvVal = ExternalTool.require("spirv-val");
        var outcome = spirvVal.run(spirv, ".spv", "{}");
        assertEquals(0, outcome.exitCode(), outcome.output());
    }
}

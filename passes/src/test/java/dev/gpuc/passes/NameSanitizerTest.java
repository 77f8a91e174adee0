package dev.gpuc.passes;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.ir.CodeGenFileType;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachine;
import dev.gpuc.ir.TargetMachineSpec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NameSanitizerTest {
    @Test
    void renamesIllegalNamesDeterministicallyAndRecordsThem() {
        String ir = """
                @"a.b" = global i32 0
                @a_b = global i32 1
                @"jl#x+1" = internal global i32 2
                @"9lives" = global i32 3
                define float @"julia.kernel#1"(float %x) {
                  %y = call float @llvm.sqrt.f32(float %x)
                  ret float %y
                }
                declare float @llvm.sqrt.f32(float)
                """;
        try (Context ctx = Context.create(); Module m = ctx.parseText(ir, "n")) {
            Map<String, String> renames = NameSanitizer.sanitize(m);
            assertEquals(Map.of("a.b", "a_b_1", "jl#x+1", "jl_x_1", "9lives", "_9lives", "julia.kernel#1", "julia_kernel_1"),
                    renames);
            assertEquals(java.util.List.of("a.b", "jl#x+1", "9lives", "julia.kernel#1"), java.util.List.copyOf(renames.keySet()));
            assertTrue(m.global("a_b").isPresent());
            assertTrue(m.function("llvm.sqrt.f32").isPresent(), "intrinsics keep their names");
            assertEquals(Map.of(), NameSanitizer.sanitize(m), "a second run finds nothing to do");
        }
        assertEquals("julia_kernel_1", NameSanitizer.sanitizedName("julia.kernel#1"));
    }

    @Test
    void ptxasAcceptsTheCrasherAfterSanitising() throws Exception {
        ExternalTool ptxas = ExternalTool.require("ptxas");
        String ir = Fixtures.read(Fixtures.corpus().resolve("crashers/nvptx-visible-symbol-name.ll"));
        String ptx;
        try (Context ctx = Context.create(); Module m = ctx.parseText(ir, "crasher");
             TargetMachine tm = TargetMachine.create(TargetMachineSpec.of("nvptx64-nvidia-cuda", "sm_75", ""))) {
            tm.configure(m);
            assertFalse(NameSanitizer.sanitize(m).isEmpty());
            ptx = new String(tm.emit(m, CodeGenFileType.ASSEMBLY), StandardCharsets.UTF_8);
        }
        var outcome = ptxas.run(ptx.getBytes(StandardCharsets.UTF_8), ".ptx", "-arch=sm_75", "{}", "-o", "/dev/null");
        assertEquals(0, outcome.exitCode(), outcome.output() + "\n" + ptx);
    }
}

package dev.gpuc.ir;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmitTest {
    static final String VADD = """
            define void @vadd(ptr addrspace(1) %a, ptr addrspace(1) %b, i64 %i) {
              %pa = getelementptr float, ptr addrspace(1) %a, i64 %i
              %pb = getelementptr float, ptr addrspace(1) %b, i64 %i
              %x = load float, ptr addrspace(1) %pa
              %y = load float, ptr addrspace(1) %pb
              %s = fadd float %x, %y
              store float %s, ptr addrspace(1) %pa
              ret void
            }
            """;

    @ParameterizedTest
    @CsvSource({
        "nvptx64-nvidia-cuda, sm_80, ASSEMBLY, .visible .func vadd",
        "amdgcn-amd-amdhsa, gfx90a, OBJECT, ELF",
        "spirv64-unknown-unknown, '', OBJECT, ''",
        "x86_64-unknown-linux-gnu, x86-64, OBJECT, ELF",
    })
    void emitsForEveryTarget(String triple, String cpu, CodeGenFileType type, String expected) {
        try (Context ctx = Context.create();
             Module m = ctx.parseText(VADD, "vadd.ll");
             TargetMachine tm = TargetMachine.create(TargetMachineSpec.of(triple, cpu, ""))) {
            tm.configure(m);
            m.verify();
            byte[] out = tm.emit(m, type);
            assertTrue(out.length > 0);
            String text = new String(out, StandardCharsets.ISO_8859_1);
            if (triple.startsWith("spirv")) {
                // SPIR-V magic number 0x07230203, little-endian.
                assertEquals(0x03, out[0] & 0xff);
                assertEquals(0x02, out[1] & 0xff);
                assertEquals(0x23, out[2] & 0xff);
                assertEquals(0x07, out[3] & 0xff);
            } else {
                assertTrue(text.contains(expected), () -> "output lacks " + expected);
            }
        }
    }
}

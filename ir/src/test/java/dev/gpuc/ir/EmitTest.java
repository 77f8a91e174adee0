package dev.gpuc.ir;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    static final int EM_X86_64 = 62;
    static final int EM_AMDGPU = 224;

    @TempDir
    Path tmp;

    static byte[] emit(String ir, TargetMachineSpec spec, CodeGenFileType type) {
        try (Context ctx = Context.create();
             Module m = ctx.parseText(ir, "vadd.ll");
             TargetMachine tm = TargetMachine.create(spec)) {
            tm.configure(m);
            m.verify();
            return tm.emit(m, type);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "nvptx64-nvidia-cuda, sm_80, ASSEMBLY, .visible .func vadd",
        "amdgcn-amd-amdhsa, gfx90a, OBJECT, ELF",
        "x86_64-unknown-linux-gnu, x86-64, OBJECT, ELF",
    })
    void emitsForEveryTarget(String triple, String cpu, CodeGenFileType type, String expected) {
        byte[] out = emit(VADD, TargetMachineSpec.of(triple, cpu, ""), type);
        String text = new String(out, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(expected), () -> "output lacks " + expected);
    }

    @Test
    void ptxIsAcceptedByPtxas() throws Exception {
        Path ptxas = tool("ptxas", "/usr/local/bin/ptxas", "/usr/local/cuda/bin/ptxas");
        Path ptx = Files.write(tmp.resolve("vadd.ptx"),
                emit(VADD, TargetMachineSpec.of("nvptx64-nvidia-cuda", "sm_80", "+ptx80"), CodeGenFileType.ASSEMBLY));
        assertTrue(Files.readString(ptx).contains(".target sm_80"));
        run(List.of(ptxas.toString(), "-arch=sm_80", "-o", tmp.resolve("vadd.cubin").toString(), ptx.toString()));
        assertTrue(Files.size(tmp.resolve("vadd.cubin")) > 0);
    }

    @Test
    void spirvIsAcceptedBySpirvVal() throws Exception {
        Path spirvVal = tool("spirv-val", "/usr/bin/spirv-val", "/usr/local/bin/spirv-val");
        String kernel = VADD.replace("define void", "define spir_kernel void");
        byte[] spirv = emit(kernel, TargetMachineSpec.of("spirv64-unknown-unknown", "", ""), CodeGenFileType.OBJECT);
        assertEquals(0x07230203, ByteBuffer.wrap(spirv).order(ByteOrder.LITTLE_ENDIAN).getInt(0), "SPIR-V magic");
        Path file = Files.write(tmp.resolve("vadd.spv"), spirv);
        run(List.of(spirvVal.toString(), file.toString()));
    }

    @Test
    void amdgpuObjectIsAnAmdgpuElf() {
        byte[] o = emit(VADD, TargetMachineSpec.of("amdgcn-amd-amdhsa", "gfx90a", ""), CodeGenFileType.OBJECT);
        assertElf(o, EM_AMDGPU);
        assertTrue(new String(o, StandardCharsets.ISO_8859_1).contains("vadd"), "symbol table names vadd");
    }

    @Test
    void hostObjectIsAnX86Elf() {
        byte[] o = emit(VADD, TargetMachineSpec.of("x86_64-unknown-linux-gnu", "x86-64", ""), CodeGenFileType.OBJECT);
        assertElf(o, EM_X86_64);
        assertTrue(new String(o, StandardCharsets.ISO_8859_1).contains("vadd"), "symbol table names vadd");
    }

    @Test
    void unknownTripleIsAnError() {
        LlvmException e = assertThrows(LlvmException.class,
                () -> TargetMachine.create(TargetMachineSpec.of("nosuch-arch-none", "", "")));
        assertTrue(e.getMessage().contains("nosuch-arch-none"), e.getMessage());
    }

    /** A relocatable 64-bit little-endian ELF for {@code machine}. */
    private static void assertElf(byte[] o, int machine) {
        ByteBuffer b = ByteBuffer.wrap(o).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x464c457f, b.getInt(0), "ELF magic");
        assertEquals(2, o[4], "ELFCLASS64");
        assertEquals(1, o[5], "little-endian");
        assertEquals(1, b.getShort(16), "ET_REL");
        assertEquals(machine, b.getShort(18) & 0xffff, "e_machine");
    }

    private static Path tool(String name, String... candidates) {
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return p;
            }
        }
        return abort(name + " is not installed");
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), command + " did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> command + " failed:\n" + out);
    }
}

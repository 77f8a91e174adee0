package dev.gpuc.backend.amdgpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.BackendFailure;
import dev.gpuc.ir.CodeGenFileType;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HsaLinkerTest {
    @TempDir
    Path work;

    private HsaLinker linker() {
        return new HsaLinker(Duration.ofSeconds(60), work);
    }

    private static byte[] object(String ir) {
        try (Context context = Context.create();
             TargetMachine machine = TargetMachine.create(new AmdgpuBackend().machine(AmdgpuTarget.defaults(), 2))) {
            Module module = context.parseText("target triple = \"amdgcn-amd-amdhsa\"\n" + ir, "test.ll");
            machine.configure(module);
            return machine.emit(module, CodeGenFileType.OBJECT);
        }
    }

    private long leftovers() throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            return files.count();
        }
    }

    @Test
    void linksAnObjectIntoASharedObjectAndCleansUp() throws IOException {
        byte[] hsaco = linker().link(object("define amdgpu_kernel void @k() {\n  ret void\n}\n"));
        HsaCodeObject code = HsaCodeObject.parse(hsaco);
        assertEquals(HsaCodeObject.ET_DYN, code.type());
        assertEquals(HsaCodeObject.EM_AMDGPU, code.machine());
        assertTrue(code.dynamicSymbol("k.kd").orElseThrow().isDefined());
        assertEquals(0, leftovers(), "temporary files stay behind");
    }

    @Test
    void anUnresolvedFunctionIsALinkErrorWithLldsMessage() throws IOException {
        byte[] object = object("""
                declare void @helper(ptr addrspace(1))
                define amdgpu_kernel void @k(ptr addrspace(1) %p) {
                  call void @helper(ptr addrspace(1) %p)
                  ret void
                }
                """);
        BackendFailure e = assertThrows(BackendFailure.class, () -> linker().link(object));
        assertEquals("amdgpu", e.backend());
        assertTrue(e.getMessage().startsWith("ld.lld could not link the HSA code object (exit 1):"), e.getMessage());
        assertTrue(e.getMessage().contains("undefined symbol: helper"), e.getMessage());
        assertEquals(0, leftovers(), "temporary files stay behind after a failure");
    }

    @Test
    void aTruncatedObjectIsRejectedByLld() throws IOException {
        byte[] truncated = java.util.Arrays.copyOf(object("define amdgpu_kernel void @k() {\n  ret void\n}\n"), 100);
        BackendFailure e = assertThrows(BackendFailure.class, () -> linker().link(truncated));
        assertTrue(e.getMessage().contains("ld.lld: error: ") && e.getMessage().contains("kernel.o"), e.getMessage());
        assertEquals(0, leftovers());
    }

    @Test
    void versionIsLldsOwn() {
        assertTrue(HsaLinker.version().matches("LLD 20\\.1\\.\\d+ .*"), HsaLinker.version());
        assertTrue(new AmdgpuBackend().version().contains(HsaLinker.version()));
    }
}

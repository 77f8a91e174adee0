package dev.gpuc.backend.ptx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.ModuleSource;
import org.junit.jupiter.api.Test;

/**
 * Symbol names through the PTX backend. {@code NameSanitizer}'s own rules, an external symbol
 * PTX cannot name included, are tested in passes.
 */
class NamesTest {
    @Test
    void theVisibleSymbolCrasherCompilesInsteadOfAborting() {
        // LLVM 20.1.7 aborts the process on this module when emitted as is (DESIGN.md).
        String ptx = Ptx.ptx(Ptx.source("crashers/nvptx-visible-symbol-name.ll"), Ptx.target("sm_80"));
        assertFalse(ptx.contains("#"), ptx);
        assertFalse(ptx.contains("+Core"), ptx);
        assertTrue(ptx.contains(".visible .entry k("), ptx);
        Ptx.assemble(ptx, ComputeCapability.parse("sm_80"));
    }

    @Test
    void entryPointsWithIllegalNamesAreRenamedAndReported() {
        String ir = """
                target triple = "nvptx64-nvidia-cuda"
                @"counter.total" = addrspace(1) global i64 0, align 8
                define ptx_kernel void @"julia_add#1.2+x"(ptr addrspace(1) %out) {
                  %v = load i64, ptr addrspace(1) @"counter.total"
                  store i64 %v, ptr addrspace(1) %out
                  ret void
                }
                define internal void @"julia_add$231$2e2$2bx"() {
                  ret void
                }
                define ptx_kernel void @plain(ptr addrspace(1) %out) {
                  store i64 1, ptr addrspace(1) %out
                  call void @"julia_add$231$2e2$2bx"()
                  ret void
                }
                """;
        Artifact a = Ptx.compile(CompileJob.builder(ModuleSource.ofText("names.ll", ir), Ptx.target("sm_80")).build());
        String ptx = Ptx.text(a.primary());
        String symbol = a.entryPoint("julia_add#1.2+x").orElseThrow().symbol();
        assertEquals("julia_add$231$2e2$2bx", symbol);
        assertEquals(new PtxBackend().symbolFor("julia_add#1.2+x"), symbol);
        assertEquals("plain", a.entryPoint("plain").orElseThrow().symbol());
        assertTrue(ptx.contains(".visible .entry " + symbol + "("), ptx);
        assertTrue(ptx.contains(".visible .entry plain("), ptx);
        Ptx.assemble(ptx, ComputeCapability.parse("sm_80"));
    }
}

package dev.gpuc.passes;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.InvalidIrForTarget;
import dev.gpuc.ir.CodeGenFileType;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachine;
import dev.gpuc.ir.TargetMachineSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NameSanitizerTest {
    @Test
    void symbolsKeepLegalNamesAndEscapeTheRest() {
        assertEquals("saxpy", NameSanitizer.symbol("saxpy"));
        assertEquals("_k9", NameSanitizer.symbol("_k9"));
        assertEquals("julia_k$231", NameSanitizer.symbol("julia_k#1"));
        assertEquals("$2bCore$2eNothing$232", NameSanitizer.symbol("+Core.Nothing#2"));
        assertEquals("$31d", NameSanitizer.symbol("1d"));
        assertEquals("a$24b", NameSanitizer.symbol("a$b"));
        assertEquals("caf$c3$a9", NameSanitizer.symbol("café"));
        String slot = SlotNames.forKey("Core.Nothing#2");
        assertEquals(slot, NameSanitizer.symbol(slot), "slot names pass unchanged");
    }

    @Test
    void symbolsAreInjectiveAndInPtxsIdentifierSet() {
        // Names that differ keep differing, even against names that look escaped.
        List<String> names = List.of("a.b", "a$2eb", "a_b", "a#b", "a$b", "a$24b", "1", "$31");
        Set<String> symbols = names.stream().map(NameSanitizer::symbol).collect(Collectors.toSet());
        assertEquals(names.size(), symbols.size());
        for (String n : names) {
            assertTrue(NameSanitizer.symbol(n).matches("[A-Za-z_$][A-Za-z0-9_$]*"), n);
        }
    }

    @Test
    void sanitizeRenamesDefinitionsToTheirSymbolsAndRecordsThem() {
        String ir = """
                @"a.b" = global i32 0
                @a_b = global i32 1
                @"jl#x+1" = internal global i32 2
                @"9lives" = global i32 3
                @"alias.of.a" = alias i32, ptr @a_b
                define float @"julia.kernel#1"(float %x) {
                  %y = call float @llvm.sqrt.f32(float %x)
                  ret float %y
                }
                define internal void @"julia$2ekernel$231"() {
                  ret void
                }
                declare float @llvm.sqrt.f32(float)
                declare void @"runtime$hook"()
                """;
        try (Context ctx = Context.create(); Module m = ctx.parseText(ir, "n")) {
            Map<String, String> renames = NameSanitizer.sanitize(m);
            assertEquals(List.of("a.b", "jl#x+1", "9lives", "julia.kernel#1", "julia$2ekernel$231", "alias.of.a"),
                    List.copyOf(renames.keySet()));
            assertEquals("a$2eb", renames.get("a.b"));
            assertEquals("julia$2ekernel$231", renames.get("julia.kernel#1"));
            // A local that held the very name a definition needs is renamed too, so neither needs a suffix.
            assertEquals("julia$242ekernel$24231", renames.get("julia$2ekernel$231"));
            renames.forEach((from, to) -> assertEquals(NameSanitizer.symbol(from), to));
            assertTrue(m.function("julia$2ekernel$231").isPresent());
            assertTrue(m.global("a_b").isPresent(), "legal names stay");
            assertTrue(m.function("llvm.sqrt.f32").isPresent(), "intrinsics keep their names");
            assertTrue(m.function("runtime$hook").isPresent(), "a declaration the target can name stays");
            m.verify();
        }
    }

    @Test
    void aDeclarationTheTargetCannotNameIsReported() {
        String ir = """
                target triple = "nvptx64-nvidia-cuda"
                @"ext.table" = external addrspace(1) global i64, align 8
                define ptx_kernel void @k(ptr addrspace(1) %out) {
                  %v = load i64, ptr addrspace(1) @"ext.table"
                  store i64 %v, ptr addrspace(1) %out
                  ret void
                }
                """;
        try (Context ctx = Context.create(); Module m = ctx.parseText(ir, "ext")) {
            InvalidIrForTarget e = assertThrows(InvalidIrForTarget.class, () -> NameSanitizer.sanitize(m));
            assertEquals("nvptx64-nvidia-cuda", e.target());
            assertEquals("symbol-name", e.problems().get(0).reason());
            assertTrue(e.getMessage().contains("ext.table"), e.getMessage());
        }
    }

    @Test
    void aDeclarationHoldingTheNameADefinitionNeedsIsReported() {
        String ir = """
                declare void @"k$231"()
                define void @"k#1"() {
                  call void @"k$231"()
                  ret void
                }
                """;
        try (Context ctx = Context.create(); Module m = ctx.parseText(ir, "clash")) {
            InvalidIrForTarget e = assertThrows(InvalidIrForTarget.class, () -> NameSanitizer.sanitize(m));
            assertEquals("k#1", e.problems().get(0).function());
            assertTrue(m.function("k#1").isPresent(), "nothing is renamed when something is reported");
        }
    }

    @Test
    void ptxasAcceptsTheCrasherAfterSanitising() throws Exception {
        ExternalTool ptxas = ExternalTool.require("ptxas");
        String ir = Fixtures.read(Fixtures.corpus().resolve("crashers/nvptx-visible-symbol-name.ll"));
        String ptx;
        try (Context ctx = Context.create(); Module m = ctx.parseText(ir, "crasher");
             TargetMachine tm = TargetMachine.create(TargetMachineSpec.of("nvptx64-nvidia-cuda", "sm_75", ""))) {
            tm.configure(m);
            assertEquals(Map.of("+Core.Nothing#2", "$2bCore$2eNothing$232"), NameSanitizer.sanitize(m));
            ptx = new String(tm.emit(m, CodeGenFileType.ASSEMBLY), StandardCharsets.UTF_8);
        }
        assertTrue(ptx.contains(".visible .global .align 8 .u64 $2bCore$2eNothing$232"), ptx);
        var outcome = ptxas.run(ptx.getBytes(StandardCharsets.UTF_8), ".ptx", "-arch=sm_75", "{}", "-o", "/dev/null");
        assertEquals(0, outcome.exitCode(), outcome.output() + "\n" + ptx);
    }
}

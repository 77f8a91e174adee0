package dev.gpuc.backend.amdgpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValueMap;
import dev.gpuc.api.Slot;
import dev.gpuc.passes.CodegenPipeline;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The acceptance criteria: every AMDGPU kernel of the corpus, and the runtime-globals variant
 * under PATCH and IMPORT, compiles for gfx90a, gfx942 and gfx1100 into a code object whose
 * shape is checked twice, by this module's ELF reader and by {@code llvm-readobj}.
 */
class AmdgpuCompileTest {
    static final List<String> ARCHS = List.of("gfx90a", "gfx942", "gfx1100");
    /** {@code EF_AMDGPU_MACH_AMDGCN_*} from LLVM's ELF.h. */
    static final Map<String, Integer> MACH = Map.of("gfx90a", 0x3f, "gfx942", 0x4c, "gfx1100", 0x41);
    static final AmdgpuBackend BACKEND = new AmdgpuBackend();

    static Path corpus() {
        return Path.of(System.getProperty("gpuc.corpus"));
    }

    static Artifact compile(CompileJob job) {
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(job, BACKEND)) {
            return c.finish().artifact();
        }
    }

    static Stream<Arguments> corpusKernels() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus().resolve("kernels"))) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".amdgpu.ll")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "the corpus has AMDGPU kernels");
        List<Arguments> out = new ArrayList<>();
        for (Path f : files) {
            for (String arch : ARCHS) {
                out.add(Arguments.of(f.getFileName().toString(), arch));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("corpusKernels")
    void corpusKernelsBecomeHsaCodeObjects(String file, String arch) throws IOException {
        CompileJob job = CompileJob.builder(ModuleSource.of(corpus().resolve("kernels").resolve(file)),
                AmdgpuTarget.of(arch, "")).build();
        Artifact artifact = compile(job);

        byte[] hsaco = artifact.payload("hsaco").orElseThrow().bytes();
        HsaCodeObject code = checkHeader(hsaco, arch);
        List<ReadObj.Row> symbols = ReadObj.symbols(hsaco);
        assertFalse(artifact.entryPoints().isEmpty());
        for (var entry : artifact.entryPoints()) {
            assertTrue(code.dynamicSymbol(entry.symbol() + ".kd").orElseThrow().isDefined(), entry + " has a kernel descriptor");
            assertEquals("OBJECT", ReadObj.dynamic(symbols, entry.symbol() + ".kd").orElseThrow().type());
            assertEquals("FUNC", ReadObj.dynamic(symbols, entry.symbol()).orElseThrow().type());
        }
        assertTrue(symbols.stream().noneMatch(ReadObj.Row::isUndefined), "nothing left unresolved: " + symbols);
    }

    static Stream<Arguments> runtimeGlobals() {
        List<Arguments> out = new ArrayList<>();
        for (String arch : ARCHS) {
            for (RelocationStrategy s : List.of(RelocationStrategy.PATCH, RelocationStrategy.IMPORT)) {
                out.add(Arguments.of(arch, s));
            }
        }
        return out.stream();
    }

    static CompileJob symbolCompare(String arch, RelocationStrategy strategy) throws IOException {
        Path dir = corpus().resolve("runtime-globals");
        return CompileJob.builder(ModuleSource.of(dir.resolve("symbol-compare.amdgpu.ll")), AmdgpuTarget.of(arch, ""))
                .runtimeValues(RuntimeValueMap.read(dir.resolve("runtime-values.json")))
                .relocation(strategy)
                .build();
    }

    @ParameterizedTest(name = "symbol-compare for {0} under {1}")
    @MethodSource("runtimeGlobals")
    void slotsHaveTheShapeTheirLoaderNeeds(String arch, RelocationStrategy strategy) throws IOException {
        Artifact artifact = compile(symbolCompare(arch, strategy));
        assertEquals(strategy, artifact.strategy());
        assertTrue(artifact.isPersistable());
        assertFalse(artifact.relocations().isEmpty(), "extraction found the baked address of :x");

        byte[] hsaco = artifact.primary().bytes();
        HsaCodeObject code = checkHeader(hsaco, arch);
        List<ReadObj.Row> symbols = ReadObj.symbols(hsaco);
        assertTrue(code.dynamicSymbol("is_x.kd").orElseThrow().isDefined());
        for (Slot slot : artifact.relocations().slots()) {
            HsaCodeObject.Symbol mine = code.dynamicSymbol(slot.name()).orElseThrow(() -> new AssertionError(slot + " in .dynsym"));
            ReadObj.Row llvms = ReadObj.dynamic(symbols, slot.name()).orElseThrow();
            if (strategy == RelocationStrategy.IMPORT) {
                // hsa_executable_agent_global_variable_define supplies it before the code object is loaded.
                assertFalse(mine.isDefined());
                assertTrue(llvms.isUndefined());
                assertEquals("WEAK", llvms.bind());
                assertEquals("DEFAULT", llvms.visibility());
                assertTrue(ReadObj.run(hsaco, "--dyn-relocations").contains("R_AMDGPU_ABS64 " + slot.name() + " 0x0"),
                        "the loader patches the GOT entry of " + slot.name());
            } else {
                // hipModuleGetGlobal / the HSA symbol's address find it after loading.
                assertEquals(8, slot.size());
                assertEquals(slot.size(), mine.size());
                assertEquals(HsaCodeObject.Symbol.STT_OBJECT, mine.symbolType());
                assertTrue(mine.isDefined() && mine.isExported());
                assertEquals(List.of("8", "OBJECT", "GLOBAL", "PROTECTED"),
                        List.of(Long.toString(llvms.size()), llvms.type(), llvms.bind(), llvms.visibility()));
            }
            assertAddressAbsent(hsaco, slot.compileTimeValue());
        }
        assertTrue(symbols.stream().filter(ReadObj.Row::isUndefined)
                .allMatch(r -> strategy == RelocationStrategy.IMPORT && artifact.relocations().byName(r.name()).isPresent()),
                "only IMPORT slots stay undefined: " + symbols);
    }

    /** TABLE needs no symbol at all: the table is one more kernel argument in global memory. */
    @ParameterizedTest(name = "TABLE for {0}")
    @MethodSource("archs")
    void tableIsATrailingGlobalBufferArgument(String arch) throws IOException {
        Artifact artifact = compile(symbolCompare(arch, RelocationStrategy.TABLE));
        byte[] hsaco = artifact.primary().bytes();
        checkHeader(hsaco, arch);
        String notes = ReadObj.run(hsaco, "--notes").replaceAll("\\s+", " ");
        assertTrue(notes.contains(".address_space: global .name: gpuc_rt_table .offset: 16 .size: 8"
                + " .value_kind: global_buffer"), notes);
        List<ReadObj.Row> symbols = ReadObj.symbols(hsaco);
        for (Slot slot : artifact.relocations().slots()) {
            assertTrue(symbols.stream().noneMatch(r -> r.name().equals(slot.name())), slot + " is not a symbol");
            assertAddressAbsent(hsaco, slot.compileTimeValue());
        }
        assertTrue(symbols.stream().noneMatch(ReadObj.Row::isUndefined), symbols.toString());
    }

    /** The absence check can fail: under BAKE the address is in the code. */
    @ParameterizedTest(name = "BAKE for {0} keeps the address")
    @MethodSource("archs")
    void bakedAddressesAreInTheCode(String arch) throws IOException {
        Artifact artifact = compile(symbolCompare(arch, RelocationStrategy.BAKE));
        long address = artifact.relocations().slots().get(0).compileTimeValue();
        byte[] hsaco = artifact.primary().bytes();
        assertTrue(indexOf(hsaco, littleEndian(address & 0xffffffffL, 4)) >= 0,
                "the low half of 0x" + Long.toHexString(address) + " is an immediate in the code");
    }

    static Stream<String> archs() {
        return ARCHS.stream();
    }

    @ParameterizedTest(name = "deterministic for {0}")
    @MethodSource("archs")
    void sameJobSameBytes(String arch) throws IOException {
        CompileJob job = symbolCompare(arch, RelocationStrategy.PATCH);
        assertArrayEquals(compile(job).primary().bytes(), compile(job).primary().bytes());
    }

    static HsaCodeObject checkHeader(byte[] hsaco, String arch) throws IOException {
        HsaCodeObject code = HsaCodeObject.parse(hsaco);
        assertEquals(HsaCodeObject.EM_AMDGPU, code.machine());
        assertEquals(HsaCodeObject.ET_DYN, code.type());
        assertEquals(HsaCodeObject.ELFOSABI_AMDGPU_HSA, code.osAbi());
        assertEquals(AmdgpuTarget.DEFAULT_CODE_OBJECT_VERSION, code.codeObjectVersion());
        assertEquals(MACH.get(arch), code.flags() & HsaCodeObject.EF_AMDGPU_MACH);
        String header = ReadObj.run(hsaco, "--file-headers");
        assertTrue(header.contains("Type: SharedObject (0x3)") && header.contains("Machine: EM_AMDGPU (0xE0)")
                && header.contains("OS/ABI: AMDGPU_HSA (0x40)") && header.contains("ABIVersion: 3")
                && header.contains("EF_AMDGPU_MACH_AMDGCN_" + arch.toUpperCase()), header);
        return code;
    }

    /** Neither the 8 bytes, nor the low 4 (an immediate), nor the decimal or hex spelling appear anywhere. */
    static void assertAddressAbsent(byte[] hsaco, long address) {
        assertEquals(-1, indexOf(hsaco, littleEndian(address, 8)), "address bytes in the code object");
        assertEquals(-1, indexOf(hsaco, littleEndian(address & 0xffffffffL, 4)), "low half of the address in the code object");
        String text = new String(hsaco, StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(Long.toString(address)), "decimal address in the code object");
        assertFalse(text.contains(Long.toHexString(address)), "hex address in the code object");
    }

    static byte[] littleEndian(long value, int bytes) {
        return java.util.Arrays.copyOf(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array(), bytes);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package dev.gpuc.backend.spirv;

import dev.gpuc.api.BackendCrash;
import dev.gpuc.api.BackendFailure;
import dev.gpuc.ir.LlvmException;
import dev.gpuc.ir.LlvmTools;
import dev.gpuc.ir.Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine-code step: LLVM 20's SPIR-V back end run as {@code llc} (the one in the bytedeco
 * jar, so the same LLVM as in-process), one process per module, as GPUCompiler.jl runs it.
 *
 * <p>Why not in-process: LLVM 20's back end keeps per-module numbering in a static
 * ({@code SPIRVModuleAnalysis::MAI}, llvm/llvm-project#160613; made a member only after LLVM 21),
 * keyed partly by {@code MachineFunction} address. The second module a process compiles can get
 * a stale id when the allocator reuses an address: measured here, 5 of 40 compilations of the
 * corpus's vadd in one JVM emitted a label with an id already taken ("Id 2 is defined more than
 * once"), and two compilations on different threads would share that static. A process per
 * module is deterministic, isolates crashes (a back-end segfault becomes a {@link BackendCrash})
 * and takes {@code --spirv-ext} per compilation.
 */
final class SpirvCodegen {
    private SpirvCodegen() {}

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    static byte[] emit(Module module, String triple, int optLevel, java.util.SortedSet<String> extensions) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("gpuc-spirv-");
            Path input = Files.write(dir.resolve("module.bc"), module.bitcode());
            Path output = dir.resolve("module.spv");
            List<String> args = new ArrayList<>(List.of("-mtriple=" + triple, "-O" + optLevel, "-filetype=obj"));
            if (!extensions.isEmpty()) {
                args.add(SpirvExtensions.llcOption(extensions));
            }
            args.addAll(List.of(input.toString(), "-o", output.toString()));
            LlvmTools.Result r = LlvmTools.run("llc", args, TIMEOUT);
            String log = r.stderr().replace(dir.toString(), "<tmp>");
            if (r.exitCode() > 128) {
                throw new BackendCrash("llc (SPIR-V back end) died with signal " + (r.exitCode() - 128), log);
            }
            if (!r.succeeded()) {
                throw new BackendFailure(SpirvTarget.BACKEND, "llc (SPIR-V back end) failed with exit status "
                        + r.exitCode() + ": " + log.strip());
            }
            return Files.readAllBytes(output);
        } catch (LlvmException e) {
            throw new BackendFailure(SpirvTarget.BACKEND, e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot exchange files with llc", e);
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover temp directory is not worth failing a compilation for
        }
    }
}

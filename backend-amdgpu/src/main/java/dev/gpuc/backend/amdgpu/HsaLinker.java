package dev.gpuc.backend.amdgpu;

import dev.gpuc.api.BackendFailure;
import dev.gpuc.ir.LlvmException;
import dev.gpuc.ir.LlvmTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Links a relocatable AMDGPU object into an HSA code object with the {@code ld.lld} of the
 * bytedeco LLVM jar, run as a process (what AMDGPU.jl does with LLD_jll).
 *
 * <p>{@code -shared}: an HSA code object is an ELF shared object; its kernels, kernel
 * descriptors and visible variables land in {@code .dynsym}, where the HSA loader looks.
 * {@code --no-undefined}: a reference the object does not define (a helper function that was
 * never linked in) fails here, with lld's message, instead of when a GPU loads the code object.
 * Weak undefined symbols are exempt by the ELF rules, which is how IMPORT slots (declared
 * {@code extern_weak}) stay undefined dynamic symbols for the loader to define.
 *
 * <p>Files live in a fresh temporary directory that is deleted whatever happens.
 */
final class HsaLinker {
    static final String TOOL = "ld.lld";

    private final Duration timeout;
    private final Path workParent;

    /**
     * @param workParent where the temporary directory is made; null means the system default
     */
    HsaLinker(Duration timeout, Path workParent) {
        this.timeout = timeout;
        this.workParent = workParent;
    }

    static List<String> arguments(String output, String input) {
        return List.of("-shared", "--no-undefined", "-o", output, input);
    }

    /** Links {@code object} (an AMDGPU ELF relocatable) and returns the code object's bytes. */
    byte[] link(byte[] object) {
        Path dir;
        try {
            dir = workParent == null ? Files.createTempDirectory("gpuc-amdgpu-")
                    : Files.createTempDirectory(workParent, "gpuc-amdgpu-");
        } catch (IOException e) {
            throw new BackendFailure(AmdgpuBackend.ID, "cannot make a directory for " + TOOL + ": " + e.getMessage(), e);
        }
        RuntimeException failure = null;
        try {
            return linkIn(dir, object);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            deleteTree(dir, failure);
        }
    }

    private byte[] linkIn(Path dir, byte[] object) {
        try {
            Path input = Files.write(dir.resolve("kernel.o"), object);
            Path output = dir.resolve("kernel.hsaco");
            LlvmTools.Result result = LlvmTools.run(TOOL, arguments(output.toString(), input.toString()), timeout);
            if (!result.succeeded() || !Files.isRegularFile(output)) {
                String why = (result.stderr() + result.stdout()).strip();
                throw new BackendFailure(AmdgpuBackend.ID, TOOL + " could not link the HSA code object (exit "
                        + result.exitCode() + ")" + (why.isEmpty() ? "" : ":\n" + why));
            }
            return Files.readAllBytes(output);
        } catch (LlvmException e) {
            throw new BackendFailure(AmdgpuBackend.ID, TOOL + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BackendFailure(AmdgpuBackend.ID, "cannot write or read " + TOOL + "'s files: " + e.getMessage(), e);
        }
    }

    /** The version line of the linker, such as {@code LLD 20.1.7 (compatible with GNU linkers)}. */
    static String version() {
        return LlvmTools.version(TOOL);
    }

    /** Deletes the directory; a failure to do so is reported, next to the link's own failure if there was one. */
    private static void deleteTree(Path dir, RuntimeException inFlight) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            BackendFailure cleanup = new BackendFailure(AmdgpuBackend.ID,
                    "cannot delete " + TOOL + "'s temporary directory " + dir + ": " + e.getMessage(), e);
            if (inFlight == null) {
                throw cleanup;
            }
            inFlight.addSuppressed(cleanup);
        }
    }
}

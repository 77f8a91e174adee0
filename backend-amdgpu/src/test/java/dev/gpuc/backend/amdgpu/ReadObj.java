package dev.gpuc.backend.amdgpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.ir.LlvmTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** LLVM's own ELF reader, {@code llvm-readobj} from the bytedeco jar: the external check on code objects. */
final class ReadObj {
    private ReadObj() {}

    static String run(byte[] elf, String... options) throws IOException {
        Path file = Files.createTempFile("gpuc-readobj-", ".hsaco");
        try {
            Files.write(file, elf);
            List<String> args = new ArrayList<>(List.of(options));
            args.add(file.toString());
            LlvmTools.Result r = LlvmTools.run("llvm-readobj", args, Duration.ofSeconds(60));
            assertTrue(r.succeeded(), "llvm-readobj failed: " + r.stderr());
            return r.stdout();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

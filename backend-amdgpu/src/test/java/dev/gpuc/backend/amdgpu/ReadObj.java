package dev.gpuc.backend.amdgpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.ir.LlvmTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** LLVM's own ELF reader, {@code llvm-readobj} from the bytedeco jar: the external check on code objects. */
final class ReadObj {
    private ReadObj() {}

    /** One row of a GNU-style symbol table listing. */
    record Row(String table, long size, String type, String bind, String visibility, String section, String name) {
        boolean isUndefined() {
            return section.equals("UND");
        }
    }

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

    /** Every symbol of {@code .dynsym} and {@code .symtab}, as {@code llvm-readobj --symbols} lists them. */
    static List<Row> symbols(byte[] elf) throws IOException {
        List<Row> rows = new ArrayList<>();
        String table = "";
        for (String line : run(elf, "--elf-output-style=GNU", "--symbols").lines().toList()) {
            String s = line.strip();
            if (s.startsWith("Symbol table '")) {
                table = s.substring("Symbol table '".length(), s.indexOf('\'', "Symbol table '".length()));
                continue;
            }
            String[] f = s.split("\\s+");
            if (f.length == 8 && f[0].matches("\\d+:") && !f[0].equals("0:")) {
                rows.add(new Row(table, Long.parseLong(f[2]), f[3], f[4], f[5], f[6], f[7]));
            }
        }
        return rows;
    }

    static Optional<Row> dynamic(List<Row> rows, String name) {
        return rows.stream().filter(r -> r.table().equals(".dynsym") && r.name().equals(name)).findFirst();
    }
}

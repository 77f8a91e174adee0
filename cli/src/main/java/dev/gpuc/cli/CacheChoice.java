package dev.gpuc.cli;

import dev.gpuc.compiler.CacheDirectory;
import dev.gpuc.compiler.Compiler;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --cache-dir DIR | --no-cache}: which cache tiers a command's compiler uses. */
final class CacheChoice {
    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Disk cache directory (default: $GPUC_CACHE_DIR, else $XDG_CACHE_HOME/gpuc, else ~/.cache/gpuc).")
    Path dir;

    @Option(names = "--no-cache", description = "Neither read nor write any cache.")
    boolean off;

    /** A compiler builder with these tiers: none, or memory then disk. */
    static Compiler.Builder builder(CacheChoice choice) {
        Compiler.Builder b = Compiler.builder();
        if (choice != null && choice.off) {
            return b;
        }
        return b.standardCache(choice != null && choice.dir != null ? choice.dir : CacheDirectory.defaultDirectory());
    }
}

package dev.gpuc.cli;

import dev.gpuc.compiler.CacheDirectory;
import dev.gpuc.compiler.CacheStore;
import dev.gpuc.compiler.Compiler;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --cache-dir DIR | --no-cache}: which cache tiers a command's compiler uses. */
final class CacheChoice {
    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Disk cache directory (default: $GPUC_CACHE_DIR, else $XDG_CACHE_HOME/gpuc, else ~/.cache/gpuc).")
    Path dir;

    @Option(names = "--no-cache", description = "Neither read nor write any cache.")
    boolean off;

    static boolean off(CacheChoice choice) {
        return choice != null && choice.off;
    }

    /** A compiler builder with these tiers: none, or memory, disk and the remote tier if there is one. */
    static Compiler.Builder builder(CacheChoice choice, Optional<? extends CacheStore> remote) {
        Compiler.Builder b = Compiler.builder();
        if (off(choice)) {
            return b;
        }
        b.standardCache(choice != null && choice.dir != null ? choice.dir : CacheDirectory.defaultDirectory());
        remote.ifPresent(b::cache);
        return b;
    }
}

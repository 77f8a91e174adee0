package dev.gpuc.cli;

import dev.gpuc.api.Json;
import dev.gpuc.compiler.CacheDirectory;
import dev.gpuc.compiler.CacheStats;
import dev.gpuc.compiler.DiskCacheStore;
import dev.gpuc.compiler.VerifyReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "cache", description = "Show, check or empty the disk cache.",
        subcommands = {CacheCommand.Stats.class, CacheCommand.Verify.class, CacheCommand.Clear.class})
final class CacheCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say stats, verify or clear");
    }

    /** What every cache subcommand takes. */
    static final class Where {
        @Option(names = "--cache-dir", paramLabel = "DIR", description = "Cache directory (default: $GPUC_CACHE_DIR, else $XDG_CACHE_HOME/gpuc, else ~/.cache/gpuc).")
        Path dir;

        @Option(names = "--json", description = "Machine-readable output.")
        boolean json;

        DiskCacheStore open() {
            return DiskCacheStore.open(dir != null ? dir : CacheDirectory.defaultDirectory());
        }
    }

    @Command(name = "stats", description = "Entries and size of the disk cache.")
    static final class Stats implements Callable<Integer> {
        @Mixin
        Where where;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            DiskCacheStore store = where.open();
            CacheStats s = store.stats();
            if (where.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("directory", store.root().toString());
                m.put("entries", s.entries());
                m.put("bytes", s.bytes());
                m.put("maxBytes", s.maxBytes());
                spec.commandLine().getOut().println(Json.write(m));
            } else {
                spec.commandLine().getOut().printf("cache    %s%nentries  %d%nsize     %s of %s%n", store.root(),
                        s.entries(), Sizes.human(s.bytes()), Sizes.human(s.maxBytes()));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "verify", description = "Check every entry; remove damaged ones (exit 1 when any was found).")
    static final class Verify implements Callable<Integer> {
        @Mixin
        Where where;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            VerifyReport r = where.open().verify();
            if (where.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("checked", r.checked());
                m.put("valid", r.valid());
                m.put("removed", r.removed());
                spec.commandLine().getOut().println(Json.write(m));
            } else {
                spec.commandLine().getOut().printf("checked %d entries: %d valid, %d damaged and removed%n",
                        r.checked(), r.valid(), r.removed().size());
                r.removed().forEach(line -> spec.commandLine().getErr().println("error[cache-corruption]: " + line));
            }
            return r.removed().isEmpty() ? ExitCode.OK : ExitCode.COMPILATION_ERROR;
        }
    }

    @Command(name = "clear", description = "Remove every entry.")
    static final class Clear implements Callable<Integer> {
        @Mixin
        Where where;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            DiskCacheStore store = where.open();
            long entries = store.stats().entries();
            store.clear();
            if (where.json) {
                spec.commandLine().getOut().println(Json.write(Map.of("removed", entries)));
            } else {
                spec.commandLine().getOut().printf("removed %d entries from %s%n", entries, store.root());
            }
            return ExitCode.OK;
        }
    }
}

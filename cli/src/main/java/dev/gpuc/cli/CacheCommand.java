package dev.gpuc.cli;

import dev.gpuc.api.Json;
import dev.gpuc.cache.redis.RedisCacheStore;
import dev.gpuc.compiler.CacheDirectory;
import dev.gpuc.compiler.CacheStats;
import dev.gpuc.compiler.CacheStore;
import dev.gpuc.compiler.DiskCacheStore;
import dev.gpuc.compiler.VerifyReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "cache", description = "Show, check or empty the disk cache (and a remote tier named with --remote-cache).",
        subcommands = {CacheCommand.Stats.class, CacheCommand.Verify.class, CacheCommand.Clear.class})
final class CacheCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say stats, verify or clear");
    }

    /**
     * A cache subcommand: it acts on the disk tier, then on the remote tier when
     * {@code --remote-cache} names one (never from the environment), one JSON row or a few text
     * lines per tier; {@code --json} prints {@code {"tiers": [row, ...]}}.
     */
    abstract static class OnEachTier implements Callable<Integer> {
        @Option(names = "--cache-dir", paramLabel = "DIR", description = "Cache directory (default: $GPUC_CACHE_DIR, else $XDG_CACHE_HOME/gpuc, else ~/.cache/gpuc).")
        Path dir;

        @Mixin
        RemoteCache remote;

        @Option(names = "--json", description = "Machine-readable output.")
        boolean json;

        @Spec
        CommandSpec spec;

        /** What this subcommand does to one tier: its row, starting with the tier's description. */
        abstract Map<String, Object> act(CacheStore tier) throws IOException;

        /** The row as text lines. */
        abstract void print(PrintWriter out, PrintWriter err, Map<String, Object> row);

        /** The exit code once every tier has been acted on. */
        int exit(List<Map<String, Object>> rows) {
            return ExitCode.OK;
        }

        @Override
        public Integer call() throws IOException {
            List<CacheStore> tiers = new ArrayList<>(List.of(DiskCacheStore.open(dir != null ? dir
                    : CacheDirectory.defaultDirectory())));
            Optional<RedisCacheStore> remoteTier = remote.open(false, false);
            remoteTier.ifPresent(tiers::add);
            List<Map<String, Object>> rows = new ArrayList<>();
            try {
                for (CacheStore tier : tiers) {
                    rows.add(act(tier));
                }
            } finally {
                remoteTier.ifPresent(RedisCacheStore::close);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(Map.of("tiers", rows)));
            } else {
                rows.forEach(row -> print(out, spec.commandLine().getErr(), row));
            }
            return exit(rows);
        }

        static Map<String, Object> row(CacheStore tier) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tier", tier.describe());
            return m;
        }
    }

    @Command(name = "stats", description = "Entries, size and failed calls of each cache tier.")
    static final class Stats extends OnEachTier {
        @Override
        Map<String, Object> act(CacheStore tier) {
            CacheStats s = tier.stats();
            Map<String, Object> m = row(tier);
            m.put("entries", s.entries());
            m.put("bytes", s.bytes());
            m.put("maxBytes", s.maxBytes());
            m.put("errors", s.errors());
            return m;
        }

        @Override
        void print(PrintWriter out, PrintWriter err, Map<String, Object> m) {
            long entries = (Long) m.get("entries");
            long bytes = (Long) m.get("bytes");
            long max = (Long) m.get("maxBytes");
            out.printf("cache    %s%nentries  %s%nsize     %s of %s%nerrors   %d%n", m.get("tier"),
                    entries < 0 ? "unknown (unreachable)" : entries, bytes < 0 ? "unknown" : Sizes.human(bytes),
                    max <= 0 ? "no set bound" : Sizes.human(max), (Long) m.get("errors"));
        }
    }

    @Command(name = "verify", description = "Check every entry; remove damaged ones (exit 1 when any was found).")
    static final class Verify extends OnEachTier {
        @Override
        Map<String, Object> act(CacheStore tier) {
            VerifyReport r = tier.verify();
            Map<String, Object> m = row(tier);
            m.put("checked", r.checked());
            m.put("valid", r.valid());
            m.put("removed", r.removed());
            return m;
        }

        @Override
        void print(PrintWriter out, PrintWriter err, Map<String, Object> m) {
            List<?> removed = (List<?>) m.get("removed");
            out.printf("%s: checked %d entries: %d valid, %d damaged and removed%n", m.get("tier"), m.get("checked"),
                    m.get("valid"), removed.size());
            removed.forEach(line -> err.println("error[cache-corruption]: " + line));
        }

        @Override
        int exit(List<Map<String, Object>> rows) {
            boolean damaged = rows.stream().anyMatch(m -> !((List<?>) m.get("removed")).isEmpty());
            return damaged ? ExitCode.COMPILATION_ERROR : ExitCode.OK;
        }
    }

    @Command(name = "clear", description = "Remove every entry.")
    static final class Clear extends OnEachTier {
        @Override
        Map<String, Object> act(CacheStore tier) throws IOException {
            Map<String, Object> m = row(tier);
            m.put("removed", tier.stats().entries());
            tier.clear();
            return m;
        }

        @Override
        void print(PrintWriter out, PrintWriter err, Map<String, Object> m) {
            out.printf("removed %s entries from %s%n", m.get("removed"), m.get("tier"));
        }
    }
}

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

    /** What every cache subcommand takes, and the tiers it acts on. */
    static final class Where {
        @Option(names = "--cache-dir", paramLabel = "DIR", description = "Cache directory (default: $GPUC_CACHE_DIR, else $XDG_CACHE_HOME/gpuc, else ~/.cache/gpuc).")
        Path dir;

        @Mixin
        RemoteCache remote;

        @Option(names = "--json", description = "Machine-readable output.")
        boolean json;

        /** The disk tier, then the remote tier when --remote-cache names one (never from the environment). */
        <T> T withTiers(TierAction<T> action) throws IOException {
            DiskCacheStore disk = DiskCacheStore.open(dir != null ? dir : CacheDirectory.defaultDirectory());
            Optional<RedisCacheStore> remoteTier = remote.open(false, false);
            try {
                List<CacheStore> tiers = new ArrayList<>(List.of(disk));
                remoteTier.ifPresent(tiers::add);
                return action.apply(tiers);
            } finally {
                remoteTier.ifPresent(RedisCacheStore::close);
            }
        }
    }

    interface TierAction<T> {
        T apply(List<CacheStore> tiers) throws IOException;
    }

    @Command(name = "stats", description = "Entries and size of each cache tier.")
    static final class Stats implements Callable<Integer> {
        @Mixin
        Where where;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            List<CacheStats> stats = where.withTiers(tiers -> tiers.stream().map(CacheStore::stats).toList());
            PrintWriter out = spec.commandLine().getOut();
            if (where.json) {
                List<Object> rows = new ArrayList<>();
                for (CacheStats s : stats) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("tier", s.tier());
                    m.put("entries", s.entries());
                    m.put("bytes", s.bytes());
                    m.put("maxBytes", s.maxBytes());
                    rows.add(m);
                }
                out.println(Json.write(Map.of("tiers", rows)));
                return ExitCode.OK;
            }
            for (CacheStats s : stats) {
                out.printf("cache    %s%nentries  %s%nsize     %s of %s%n", s.tier(), s.entries() < 0 ? "unknown (unreachable)"
                        : s.entries(), s.bytes() < 0 ? "unknown" : Sizes.human(s.bytes()),
                        s.maxBytes() <= 0 ? "no set bound" : Sizes.human(s.maxBytes()));
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
        public Integer call() throws IOException {
            List<VerifyReport> reports = where.withTiers(tiers -> tiers.stream().map(CacheStore::verify).toList());
            PrintWriter out = spec.commandLine().getOut();
            List<Object> rows = new ArrayList<>();
            boolean damaged = false;
            for (VerifyReport r : reports) {
                damaged |= !r.removed().isEmpty();
                if (where.json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("tier", r.tier());
                    m.put("checked", r.checked());
                    m.put("valid", r.valid());
                    m.put("removed", r.removed());
                    rows.add(m);
                } else {
                    out.printf("%s: checked %d entries: %d valid, %d damaged and removed%n", r.tier(), r.checked(),
                            r.valid(), r.removed().size());
                    r.removed().forEach(line -> spec.commandLine().getErr().println("error[cache-corruption]: " + line));
                }
            }
            if (where.json) {
                out.println(Json.write(Map.of("tiers", rows)));
            }
            return damaged ? ExitCode.COMPILATION_ERROR : ExitCode.OK;
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
            Map<String, Object> removed = where.withTiers(tiers -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (CacheStore tier : tiers) {
                    m.put(tier.describe(), tier.stats().entries());
                    tier.clear();
                }
                return m;
            });
            PrintWriter out = spec.commandLine().getOut();
            if (where.json) {
                out.println(Json.write(Map.of("removed", removed)));
            } else {
                removed.forEach((tier, n) -> out.printf("removed %s entries from %s%n", n, tier));
            }
            return ExitCode.OK;
        }
    }
}

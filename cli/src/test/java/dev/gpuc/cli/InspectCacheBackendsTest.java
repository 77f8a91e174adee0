package dev.gpuc.cli;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gpuc.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gpuc inspect}, {@code gpuc cache stats|verify|clear} and {@code gpuc backends}. */
class InspectCacheBackendsTest {
    @TempDir
    Path tmp;
    Path cache;
    Path out;

    @BeforeEach
    void compileOne() {
        cache = tmp.resolve("cache");
        out = tmp.resolve("sc.o");
        Cli.Result r = Cli.run("compile", Cli.corpus("runtime-globals/symbol-compare.ll"), "--target", "cpu", "-o", out,
                "--runtime-values", Cli.corpus("runtime-globals/runtime-values.json"), "--relocation", "patch",
                "--cache-dir", cache);
        assertEquals(0, r.exit(), r.toString());
    }

    @Test
    void inspectShowsTargetStrategyAndRelocationTable() {
        for (Path file : List.of(out, tmp.resolve("sc.o.gpuc.json"), entry())) {
            Cli.Result r = Cli.run("inspect", file);
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().contains("strategy    PATCH"), r.out());
            assertTrue(r.out().matches("(?s).*Symbol:x\\s+0x7f8ae79ab4cb.*"), r.out());
            assertTrue(r.out().contains("is_x, is_nothing, address_of_x"), r.out());
            Map<?, ?> json = (Map<?, ?>) Json.parse(Cli.run("inspect", file, "--json").out());
            assertEquals("PATCH", json.get("strategy"));
            assertEquals("cpu", ((Map<?, ?>) json.get("provenance")).get("backend"));
            assertEquals(2, ((List<?>) json.get("relocations")).size());
        }
    }

    @Test
    void everyPayloadIsWrittenNextToOutAndInspectChecksThemAll() throws IOException {
        Path ptx = tmp.resolve("saxpy.ptx");
        Cli.Result r = Cli.run("compile", Cli.corpus("kernels/saxpy.ptx.ll"), "--target", "ptx", "-o", ptx, "--no-cache");
        assertEquals(0, r.exit(), r.toString());
        List<?> payloads = (List<?>) ((Map<?, ?>) Json.parse(Files.readString(tmp.resolve("saxpy.ptx.gpuc.json"))))
                .get("payloads");
        assumeTrue(payloads.size() > 1, "ptxas is not installed: the ptx backend emits no cubin");
        Path cubin = tmp.resolve("saxpy.ptx.cubin");
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, java.util.Arrays.copyOf(Files.readAllBytes(cubin), 4));
        Cli.Result shown = Cli.run("inspect", ptx);
        assertEquals(0, shown.exit(), shown.toString());
        assertTrue(shown.out().contains("payload     ptx, ") && shown.out().contains("payload     cubin, "), shown.out());

        // --emit obj: the cubin is OUT, the PTX goes beside it
        Path obj = tmp.resolve("saxpy.bin");
        assertEquals(0, Cli.run("compile", Cli.corpus("kernels/saxpy.ptx.ll"), "--target", "ptx", "--emit", "obj",
                "-o", obj, "--no-cache").exit());
        assertArrayEquals(Files.readAllBytes(cubin), Files.readAllBytes(obj));
        assertEquals(Files.readString(ptx), Files.readString(tmp.resolve("saxpy.bin.ptx")));
        assertEquals(0, Cli.run("inspect", obj).exit());

        byte[] bytes = Files.readAllBytes(cubin);
        bytes[bytes.length / 2] ^= 1;
        Files.write(cubin, bytes);
        Cli.Result altered = Cli.run("inspect", ptx);
        assertEquals(1, altered.exit(), altered.toString());
        assertTrue(altered.errLines().get(0).startsWith("error[cache-corruption]: ")
                && altered.errLines().get(0).contains("payload cubin"), altered.toString());
        Files.delete(cubin);
        Cli.Result missing = Cli.run("inspect", ptx);
        assertEquals(1, missing.exit(), missing.toString());
        assertTrue(missing.errLines().get(0).startsWith("error[cache-corruption]: " + cubin + ": missing"),
                missing.toString());
    }

    @Test
    void inspectRefusesWhatIsNotAnArtifact() {
        Cli.Result r = Cli.run("inspect", Cli.corpus("malformed/random-bytes.bin"));
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.errLines().get(0).startsWith("error[not-an-artifact]: "), r.toString());
        CompileCommandTest.assertUsage(Cli.run("inspect", tmp.resolve("absent")), "no such file");
    }

    @Test
    void cacheStatsVerifyAndClear() throws IOException {
        Map<?, ?> stats = diskStats();
        assertEquals("disk:" + cache.toAbsolutePath(), stats.get("tier"));
        assertEquals(1L, stats.get("entries"));
        assertTrue((Long) stats.get("bytes") > 0);
        assertEquals(0L, stats.get("errors"));
        String text = Cli.run("cache", "stats", "--cache-dir", cache).out();
        assertTrue(text.contains("entries  1") && text.contains("errors   0"), text);

        Cli.Result clean = Cli.run("cache", "verify", "--cache-dir", cache);
        assertEquals(0, clean.exit(), clean.toString());
        assertTrue(clean.out().contains(": checked 1 entries: 1 valid, 0 damaged"), clean.out());

        Path entry = entry();
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 1] ^= 1;
        Files.write(entry, bytes);
        Cli.Result damaged = Cli.run("cache", "verify", "--cache-dir", cache);
        assertEquals(1, damaged.exit(), damaged.toString());
        assertTrue(damaged.errLines().get(0).startsWith("error[cache-corruption]: "), damaged.toString());
        assertFalse(Files.exists(entry));

        Cli.run("compile", Cli.corpus("kernels/saxpy.cpu.ll"), "--target", "cpu", "--out-dir", tmp, "--cache-dir", cache);
        Cli.Result cleared = Cli.run("cache", "clear", "--cache-dir", cache, "--json");
        assertEquals(Map.of("tiers", List.of(Map.of("tier", "disk:" + cache.toAbsolutePath(), "removed", 1L))),
                Json.parse(cleared.out()));
        assertEquals(0L, diskStats().get("entries"));
        CompileCommandTest.assertUsage(Cli.run("cache"), "stats, verify or clear");
    }

    @Test
    void backendsListsEveryInstalledBackendWithItsStrategies() {
        Cli.Result r = Cli.run("backends", "--json");
        assertEquals(0, r.exit(), r.toString());
        List<?> rows = (List<?>) Json.parse(r.out());
        Map<?, ?> cpu = rows.stream().map(o -> (Map<?, ?>) o).filter(m -> m.get("id").equals("cpu")).findFirst().orElseThrow();
        assertEquals(true, cpu.get("available"));
        assertEquals(List.of("BAKE", "PATCH", "IMPORT"), cpu.get("strategies"));
        assertEquals("IMPORT", cpu.get("preferred"));
        assertEquals("available", cpu.get("loader"));
        List<?> ids = rows.stream().map(o -> ((Map<?, ?>) o).get("id")).toList();
        assertTrue(ids.containsAll(List.of("amdgpu", "cpu", "ptx", "spirv")), ids.toString());
        String text = Cli.run("backends").out();
        assertTrue(text.contains("strategies BAKE, PATCH, IMPORT (preferred IMPORT)"), text);
    }

    private Map<?, ?> diskStats() {
        Map<?, ?> json = (Map<?, ?>) Json.parse(Cli.run("cache", "stats", "--cache-dir", cache, "--json").out());
        List<?> tiers = (List<?>) json.get("tiers");
        assertEquals(1, tiers.size(), "no remote tier unless --remote-cache names one");
        return (Map<?, ?>) tiers.get(0);
    }

    private Path entry() {
        try (Stream<Path> files = Files.walk(cache.resolve("entries"))) {
            return files.filter(Files::isRegularFile).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dev.gpuc.cli;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./gpuc} launcher, run from a copy in a temporary root whose
 * {@code cli/target} holds this build's classes as a jar and this test's class path as
 * {@code classpath.txt} (so it never builds): its class-data archive, and that its output and its
 * crash reports stay what they were.
 */
class LauncherTest {
    @TempDir
    Path root;
    Path target;
    Path saxpy;

    @BeforeEach
    void copyTheLauncher() throws IOException, URISyntaxException {
        Path repository = Path.of(System.getProperty("gpuc.corpus")).getParent();
        target = Files.createDirectories(root.resolve("cli/target"));
        Files.copy(repository.resolve("gpuc"), root.resolve("gpuc"));
        Files.createDirectories(root.resolve("cli/launcher"));
        try (Stream<Path> scripts = Files.list(repository.resolve("cli/launcher"))) {
            for (Path script : scripts.toList()) {
                Files.copy(script, root.resolve("cli/launcher").resolve(script.getFileName()));
            }
        }
        Files.createSymbolicLink(root.resolve("corpus"), repository.resolve("corpus"));
        Path own = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        jar(own, target.resolve("gpuc-cli-test.jar"));
        // A class-data archive takes jars only: directories on the class path (an IDE's, or a
        // module built without packaging) become jars of their own; this module's test classes stay out.
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (p.equals(own) || p.endsWith("test-classes") && p.startsWith(own.getParent())) {
                continue;
            }
            if (Files.isDirectory(p)) {
                p = jar(p, Files.createDirectories(root.resolve("lib")).resolve("entry-" + entries.size() + ".jar"));
            }
            entries.add(p.toString());
        }
        Files.writeString(target.resolve("classpath.txt"), String.join(java.io.File.pathSeparator, entries));
        saxpy = Cli.corpus("kernels/saxpy.cpu.ll");
    }

    @Test
    void theFirstRunMakesTheArchiveAndLaterRunsMapIt() throws IOException {
        assertQuietSuccess(launch(Map.of(), "compile", saxpy, "--target", "cpu", "--no-cache", "-o", root.resolve("a.o")));
        Path archive = single("gpuc-*.jsa");
        assertEquals(List.of(), files(".cds-training*"), "the training leaves nothing behind");

        Path log = root.resolve("classes.log");
        assertQuietSuccess(launch(Map.of("GPUC_JAVA_OPTS", "-Xlog:class+load:file=" + log), "compile", saxpy,
                "--target", "cpu", "--no-cache", "-o", root.resolve("b.o")));
        assertTrue(Files.readString(log).contains("dev.gpuc.cli.Main source: shared objects file (top)"),
                "Main comes from the archive");
        assertEquals(archive, single("gpuc-*.jsa"), "one archive, made once");
    }

    @Test
    void aNewBuildGetsANewArchiveAndAnArchiveThatDoesNotMatchIsIgnoredQuietly() throws IOException {
        assertQuietSuccess(launch(Map.of(), "--version"));
        Path first = single("gpuc-*.jsa");
        Path firstCopy = Files.copy(first, root.resolve("first.jsa"));

        Path jar = target.resolve("gpuc-cli-test.jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        assertQuietSuccess(launch(Map.of(), "--version"));
        Path second = single("gpuc-*.jsa");
        assertNotEquals(first, second, "a rebuilt jar is another fingerprint");

        // The JVM checks an archive against the class path itself: one made for the old jar, or a
        // damaged one, is not used, and not mentioned (the JVM would warn on stdout).
        Files.setPosixFilePermissions(second, PosixFilePermissions.fromString("rw-r--r--"));
        Files.copy(firstCopy, second, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertQuietSuccess(launch(Map.of(), "compile", saxpy, "--target", "cpu", "--no-cache", "-o", root.resolve("a.o")));
        Files.write(second, new byte[4096]);
        assertQuietSuccess(launch(Map.of(), "compile", saxpy, "--target", "cpu", "--no-cache", "-o", root.resolve("a.o")));
    }

    @Test
    void aFailedTrainingIsNotRepeatedUntilTheClassPathChanges() throws IOException {
        Files.delete(root.resolve("corpus")); // the training compilation's inputs are gone
        assertQuietSuccess(launch(Map.of(), "compile", saxpy, "--target", "cpu", "--no-cache", "-o", root.resolve("a.o")));
        Path failed = single("gpuc-*.failed");
        FileTime when = Files.getLastModifiedTime(failed);
        assertEquals(List.of(), files("gpuc-*.jsa"));
        assertEquals(List.of(), files(".cds-training*"));

        assertQuietSuccess(launch(Map.of(), "--version"));
        assertEquals(when, Files.getLastModifiedTime(failed), "not tried again");

        Files.createSymbolicLink(root.resolve("corpus"), Path.of(System.getProperty("gpuc.corpus")));
        Files.setLastModifiedTime(target.resolve("gpuc-cli-test.jar"), FileTime.from(Instant.now().plusSeconds(5)));
        assertQuietSuccess(launch(Map.of(), "--version"));
        single("gpuc-*.jsa");
        assertEquals(List.of(), files("gpuc-*.failed"), "the old fingerprint's marker is gone with it");
    }

    @Test
    void runsStartedTogetherAllSucceedAndLeaveOneArchive() {
        List<CompletableFuture<Cli.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path out = root.resolve("out" + i + ".o");
            runs.add(CompletableFuture.supplyAsync(() -> launch(Map.of(), "compile", saxpy, "--target", "cpu",
                    "--no-cache", "-o", out)));
        }
        runs.forEach(r -> assertQuietSuccess(r.join()));
        single("gpuc-*.jsa");
        assertEquals(List.of(), files(".cds-training*"));
    }

    @Test
    void aReadOnlyTargetRunsWithoutAnArchive() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes to read-only directories");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertQuietSuccess(launch(Map.of(), "compile", saxpy, "--target", "cpu", "--no-cache", "-o",
                    root.resolve("a.o")));
            assertEquals(List.of(), files("gpuc-*"));
        } finally {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aCrashOfTheInProcessCompilerIsStillOneLine() throws IOException {
        assertQuietSuccess(launch(Map.of(), "--version")); // the crash below runs with the archive mapped
        Path input = Files.writeString(root.resolve("k.ll"), "define i32 @k() {\n  ret i32 1\n}\n");
        Cli.Result r = launch(Map.of(), "compile", input, "--target", dev.gpuc.isolation.CrashTestBackend.ID, "--arch",
                "segv", "--no-cache", "-o", root.resolve("k.o"));
        assertEquals(1, r.exit(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        // The JVM turns the segfault into an abort (its fatal-error handler ends in abort()).
        assertTrue(r.errLines().get(0).matches("error\\[backend-crash\\]: gpuc died with signal \\d+ \\(\\w+\\) "
                + "while compiling in-process; rerun with --isolate to contain it"), r.toString());
    }

    private Cli.Result launch(Map<String, String> environment, Object... args) {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("gpuc").toString()));
        for (Object a : args) {
            command.add(String.valueOf(a));
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("GPUC_JAVA_OPTS");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(environment);
        try {
            Path out = Files.createTempFile(root, "stdout", ".txt");
            Path err = Files.createTempFile(root, "stderr", ".txt");
            int exit = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start().waitFor();
            Cli.Result r = new Cli.Result(exit, Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Exit 0, nothing on stderr, and nothing on stdout but the command's own output. */
    private static void assertQuietSuccess(Cli.Result r) {
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.err(), r.toString());
        assertTrue(r.out().isEmpty() || r.out().startsWith("gpuc "), r.toString());
    }

    private List<Path> files(String glob) {
        try (Stream<Path> s = Files.list(target)) {
            java.nio.file.PathMatcher m = target.getFileSystem().getPathMatcher("glob:" + glob);
            return s.filter(p -> m.matches(p.getFileName())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path single(String glob) {
        List<Path> found = files(glob);
        assertEquals(1, found.size(), glob + ": " + found);
        return found.get(0);
    }

    /** Packs a directory of classes into a jar. */
    private static Path jar(Path classes, Path jar) throws IOException {
        if (!Files.isDirectory(classes)) {
            return Files.copy(classes, jar);
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.endsWith("META-INF/MANIFEST.MF")).sorted()
                    .toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}

package dev.gpuc.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading LLVM ahead of the command changes what runs when, never what the command reports. */
class LlvmPreloadTest {
    @TempDir
    Path tmp;

    @Test
    void onlyCommandsThatCompileLoadLlvmAhead() {
        for (String command : List.of("compile", "run", "backends", "demo")) {
            assertTrue(LlvmPreload.wanted(List.of(command, "x.ll")), command);
            assertFalse(LlvmPreload.wanted(List.of(command, "--help")), command + " --help");
            assertFalse(LlvmPreload.wanted(List.of(command, "x.ll", "-V")), command + " -V");
        }
        for (List<String> args : List.of(List.<String>of(), List.of("inspect", "a.o"), List.of("cache", "stats"),
                List.of("--version"), List.of("x.ll", "compile"))) {
            assertFalse(LlvmPreload.wanted(args), args.toString());
        }
    }

    @Test
    void llvmThatCannotLoadIsReportedByTheCommandOnOneTypedLine() {
        // javacpp looks for another platform's natives and finds none: LLVM fails to load on the preload thread.
        List<String> noLlvm = List.of("-Dorg.bytedeco.javacpp.platform=windows-x86_64");
        Cli.Result r = Cli.process(noLlvm, "compile", Cli.corpus("kernels/saxpy.cpu.ll"), "--target", "cpu",
                "--no-cache", "--out-dir", tmp);
        assertEquals(1, r.exit(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.errLines().get(0).startsWith("error[backend-unavailable]: "), r.toString());
        assertTrue(r.err().contains("LLVM could not be loaded"), r.toString());

        Cli.Result usage = Cli.process(noLlvm, "compile", "--target", "cpu");
        CompileCommandTest.assertUsage(usage, "Missing required parameter: 'INPUT'");
    }
}

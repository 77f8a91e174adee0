package dev.gpuc.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The command line's shape: which commands are registered, and what every command inherits. */
class MainTest {
    @Test
    void aNamedCommandIsTheOnlyOneRegistered() {
        assertEquals(List.of(CompileCommand.class), Main.commandsFor("compile", "x.ll", "--target", "cpu"));
        assertEquals(List.of(CacheCommand.class), Main.commandsFor("cache", "stats"));
        for (Class<?> command : Main.COMMANDS) {
            String name = command.getAnnotation(Command.class).name();
            assertEquals(List.of(command), Main.commandsFor(name), name);
        }
    }

    @Test
    void anythingElseRegistersEveryCommand() {
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"-h", "compile"},
                new String[] {"compil", "--target", "cpu"}, new String[] {"x.ll", "compile"})) {
            assertEquals(Main.COMMANDS, Main.commandsFor(args), String.join(" ", args));
        }
    }

    @Test
    void theCommandListNamesEveryCommandInOrder() {
        Cli.Result r = Cli.run("--help");
        assertEquals(0, r.exit(), r.toString());
        int at = -1;
        for (Class<?> command : Main.COMMANDS) {
            String name = command.getAnnotation(Command.class).name();
            int next = r.out().indexOf("\n  " + name + " ");
            assertTrue(next > at, name + " listed after the one before it: " + r.out());
            at = next;
        }
    }

    @Test
    void aCommandRegisteredAloneStillInheritsHelpAndVersion() {
        for (Class<?> command : Main.COMMANDS) {
            String name = command.getAnnotation(Command.class).name();
            Cli.Result version = Cli.run(name, "--version");
            assertEquals(0, version.exit(), version.toString());
            assertTrue(version.out().startsWith("gpuc "), version.toString());
            Cli.Result help = Cli.run(name, "-h");
            assertEquals(0, help.exit(), help.toString());
            assertTrue(help.out().contains("-V, --version"), help.toString());
        }
    }

    @Test
    void usageErrorsNameTheCommandTheyBelongTo() {
        CompileCommandTest.assertUsage(Cli.run("compile", "--bogus"), "(see 'gpuc compile --help')");
        CompileCommandTest.assertUsage(Cli.run("cache", "stat"), "(see 'gpuc cache --help')");
        CompileCommandTest.assertUsage(Cli.run("compil", "--target", "cpu"), "(see 'gpuc --help')");
    }
}

package dev.gpuc.cli;

import dev.gpuc.api.Gpuc;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gpuc} command. Exit codes: 0 success, 1 compilation error (one line
 * {@code error[kind]: message} per failure), 2 usage error, 3 internal error.
 */
// scope INHERIT: every subcommand takes --help (which the usage errors point to) and --version too.
@Command(name = "gpuc", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Main.Version.class,
        description = "GPU compiler toolkit for the JVM: LLVM IR in; PTX, AMDGPU, SPIR-V or host code out.")
public final class Main implements Callable<Integer> {
    /** Every command, in the order {@code gpuc --help} lists them. */
    static final List<Class<?>> COMMANDS = List.of(CompileCommand.class, RunCommand.class, BackendsCommand.class,
            InspectCommand.class, CacheCommand.class, DemoCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        LlvmPreload preload = LlvmPreload.startFor(args);
        int code;
        try {
            Logging.toStderr();
            code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        } finally {
            preload.awaitEnd();
        }
        System.exit(code);
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        commandsFor(args).forEach(cl::addSubcommand);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(Failures::onExecution);
        cl.setParameterExceptionHandler(Failures::onUsage);
        return cl.execute(args);
    }

    /**
     * The commands to register: picocli builds each one's model by reflection when it is added,
     * about a tenth of a second per command in a fresh JVM, so when the first argument names a
     * command only that one is built. Anything else (no command, an option such as
     * {@code --help}, a misspelt command) gets them all, for the command list and the messages.
     */
    static List<Class<?>> commandsFor(String... args) {
        if (args.length > 0) {
            for (Class<?> command : COMMANDS) {
                if (command.getAnnotation(Command.class).name().equals(args[0])) {
                    return List.of(command);
                }
            }
        }
        return COMMANDS;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gpuc " + Gpuc.version()};
        }
    }
}

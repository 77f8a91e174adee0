package dev.gpuc.cli;

import dev.gpuc.api.Gpuc;
import java.io.PrintWriter;
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
        description = "GPU compiler toolkit for the JVM: LLVM IR in; PTX, AMDGPU, SPIR-V or host code out.",
        subcommands = {CompileCommand.class, RunCommand.class, BackendsCommand.class, InspectCommand.class,
                CacheCommand.class, DemoCommand.class})
public final class Main implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Logging.toStderr();
        int code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(code);
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(Failures::onExecution);
        cl.setParameterExceptionHandler(Failures::onUsage);
        return cl.execute(args);
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

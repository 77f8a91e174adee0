package dev.gpuc.cli;

import dev.gpuc.compiler.Compiler;
import dev.gpuc.isolation.IsolationPolicy;
import dev.gpuc.isolation.WorkerPoolConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --isolation MODE}, {@code --isolate}, {@code --untrusted-backend ID}: where compilations run. */
final class IsolationOptions {
    @Option(names = "--isolation", paramLabel = "MODE", description = "in-process (default); isolated: each input "
            + "in a worker JVM, so that an LLVM crash is one error[backend-crash] line and the other inputs go on; "
            + "auto: in workers for the --untrusted-backend ones.")
    String mode;

    @Option(names = "--isolate", description = "Same as --isolation isolated.")
    boolean isolate;

    @Option(names = "--untrusted-backend", paramLabel = "ID",
            description = "Compile this backend's inputs in worker JVMs (repeatable; implies --isolation auto).")
    List<String> untrusted = new ArrayList<>();

    /** Applies the policy to {@code builder}, with {@code workers} worker JVMs at most. */
    void apply(Compiler.Builder builder, int workers) {
        IsolationPolicy policy = policy();
        builder.isolation(policy);
        untrusted.forEach(builder::untrustedBackend);
        if (policy != IsolationPolicy.IN_PROCESS) {
            builder.workers(WorkerPoolConfig.defaults().withWorkers(workers));
        }
    }

    IsolationPolicy policy() {
        if (mode == null) {
            return isolate ? IsolationPolicy.ISOLATED : untrusted.isEmpty() ? IsolationPolicy.IN_PROCESS
                    : IsolationPolicy.AUTOMATIC;
        }
        IsolationPolicy named = switch (mode.toLowerCase(Locale.ROOT)) {
            case "in-process" -> IsolationPolicy.IN_PROCESS;
            case "isolated" -> IsolationPolicy.ISOLATED;
            case "auto" -> IsolationPolicy.AUTOMATIC;
            default -> throw new Failures.Usage("--isolation takes in-process, isolated or auto, not '" + mode + "'");
        };
        if (isolate && named != IsolationPolicy.ISOLATED) {
            throw new Failures.Usage("--isolate contradicts --isolation " + mode);
        }
        if (!untrusted.isEmpty() && named == IsolationPolicy.IN_PROCESS) {
            throw new Failures.Usage("--untrusted-backend contradicts --isolation in-process");
        }
        return named;
    }
}

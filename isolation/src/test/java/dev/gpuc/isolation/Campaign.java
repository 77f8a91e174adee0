package dev.gpuc.isolation;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.BackendCrash;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.GpucException;
import dev.gpuc.api.Payload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Robustness campaign: inputs through isolated compilation, each outcome classified as a valid
 * artifact, a typed error, a contained crash, or (the only failure) anything else. The test
 * suite runs a small one, {@code scripts/robustness.sh} a large one.
 */
final class Campaign {
    private Campaign() {}

    /** One input; {@code family} groups inputs in the report (such as {@code stress/amdgpu}). */
    record Input(String family, String name, CompileJob job) {}

    /** How one input ended. */
    sealed interface Outcome {}

    record Compiled() implements Outcome {}

    record Typed(GpucException error) implements Outcome {}

    record Crashed(BackendCrash crash) implements Outcome {}

    /** Not a typed error: a defect of gpuc, whatever else happened. */
    record Untyped(Throwable error) implements Outcome {}

    /** Runs every input on {@code threads} threads against {@code pool}; results in input order. */
    static Tally run(WorkerPool pool, List<Input> inputs, int threads) {
        return run(pool, inputs, threads, line -> { });
    }

    /** The same, handing each outcome's description to {@code log}. */
    static Tally run(WorkerPool pool, List<Input> inputs, int threads, java.util.function.Consumer<String> log) {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Input in : inputs) {
                futures.add(executor.submit(() -> compile(pool, in.job())));
            }
            Tally tally = new Tally();
            for (int i = 0; i < inputs.size(); i++) {
                Outcome o = outcome(futures.get(i));
                log.accept(Tally.describe(inputs.get(i), o));
                tally.add(inputs.get(i), o);
            }
            return tally;
        } finally {
            executor.shutdownNow();
        }
    }

    private static Outcome outcome(Future<Outcome> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            return new Untyped(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Untyped(e);
        }
    }

    static Outcome compile(WorkerPool pool, CompileJob job) {
        try (IsolatedCompilation c = pool.start(job)) {
            c.keyMaterial();
            Artifact a = c.finish().artifact();
            return valid(a) ? new Compiled() : new Untyped(new AssertionError("invalid artifact: " + a));
        } catch (BackendCrash e) {
            return new Crashed(e);
        } catch (GpucException e) {
            return new Typed(e);
        } catch (RuntimeException | Error e) {
            return new Untyped(e);
        }
    }

    /** Payloads that are not empty, and an encoding that decodes to the same bytes. */
    private static boolean valid(Artifact a) {
        if (a.payloads().isEmpty() || a.payloads().stream().mapToInt(Payload::size).anyMatch(n -> n == 0)) {
            return false;
        }
        byte[] bytes = ArtifactCodec.encode(a);
        return Arrays.equals(bytes, ArtifactCodec.encode(ArtifactCodec.decode(bytes, "campaign")));
    }
}

package dev.gpuc.isolation;

import dev.gpuc.api.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The large robustness campaign, run by {@code scripts/robustness.sh}: prints the counts per
 * family and in total, and exits 1 if any input ended in anything but a valid artifact, a typed
 * error or a contained crash.
 *
 * <pre>
 * --seeds FROM:TO      llvm-stress seeds, TO exclusive (default 0:200)
 * --size N             llvm-stress -size (default 100)
 * --mutations N        mutated bitcode inputs (default 500)
 * --backends a,b       backend ids (default cpu,ptx,amdgpu,spirv)
 * --workers N          worker processes (default: the cores)
 * --timeout SECONDS    per-job limit (default 60)
 * --verbose true       print every input's outcome
 * </pre>
 */
public final class RobustnessCampaign {
    private RobustnessCampaign() {}

    public static void main(String[] args) {
        int from = 0;
        int to = 200;
        int size = 100;
        int mutations = 500;
        List<String> backends = List.of("cpu", "ptx", "amdgpu", "spirv");
        WorkerPoolConfig config = WorkerPoolConfig.defaults().withJobTimeout(Duration.ofSeconds(60));
        boolean verbose = false;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--seeds" -> {
                    String[] r = v.split(":");
                    from = Integer.parseInt(r[0]);
                    to = Integer.parseInt(r[1]);
                }
                case "--size" -> size = Integer.parseInt(v);
                case "--mutations" -> mutations = Integer.parseInt(v);
                case "--backends" -> backends = Arrays.asList(v.split(","));
                case "--workers" -> config = config.withWorkers(Integer.parseInt(v));
                case "--timeout" -> config = config.withJobTimeout(Duration.ofSeconds(Long.parseLong(v)));
                case "--verbose" -> verbose = Boolean.parseBoolean(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        StringBuilder notes = new StringBuilder();
        List<Target> targets = CampaignInputs.targets(backends, notes);
        System.out.print(notes);
        List<Campaign.Input> inputs = new ArrayList<>(CampaignInputs.corpus(targets));
        inputs.addAll(CampaignInputs.stress(targets, from, to, size));
        if (!targets.isEmpty()) {
            inputs.addAll(CampaignInputs.mutations(targets.get(0), mutations));
        }
        System.out.printf("campaign: %d inputs (corpus, llvm-stress seeds %d..%d size %d on %s, %d mutants), %d workers%n",
                inputs.size(), from, to - 1, size, targets.stream().map(Target::backend).toList(), mutations,
                config.workers());
        long t0 = System.nanoTime();
        Tally tally;
        try (WorkerPool pool = new WorkerPool(config)) {
            tally = Campaign.run(pool, inputs, config.workers(), verbose ? System.out::println : line -> { });
            System.out.print(tally.format());
            System.out.printf("workers started %d, lost %d; %.0f s; the host survived%n", pool.stats().workersStarted(),
                    pool.stats().workersLost(), (System.nanoTime() - t0) / 1e9);
        }
        System.exit(tally.untypedFailures().isEmpty() ? 0 : 1);
    }
}

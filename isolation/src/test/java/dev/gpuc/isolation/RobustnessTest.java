package dev.gpuc.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.CompileJob;
import dev.gpuc.api.Target;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A small robustness campaign: every corpus crasher and malformed file, llvm-stress modules and
 * mutated bitcode, through every backend in workers. Each ends as a valid artifact, a typed
 * error or a contained crash; this JVM survives; the pool compiles afterwards. The large
 * campaign is scripts/robustness.sh.
 */
class RobustnessTest {
    private static final List<String> BACKENDS = List.of("cpu", "ptx", "amdgpu", "spirv");
    private static WorkerPool pool;
    private static List<Target> targets;

    @BeforeAll
    static void setUp() {
        pool = new WorkerPool(WorkerPoolConfig.defaults().withWorkers(2));
        StringBuilder notes = new StringBuilder();
        targets = CampaignInputs.targets(BACKENDS, notes);
        assertEquals(BACKENDS.size(), targets.size(), "every backend is on the test class path: " + notes);
    }

    @AfterAll
    static void tearDown() {
        pool.close();
    }

    private static void assertAllTyped(Tally tally, int inputs) {
        System.out.print(tally.format());
        assertEquals(List.of(), tally.untypedFailures());
        Tally.Counts t = tally.total();
        assertEquals(inputs, t.inputs);
        assertEquals(inputs, t.compiled + t.typedTotal() + t.crashedTotal());
        assertPoolCompiles();
    }

    private static void assertPoolCompiles() {
        CompileJob good = CompileJob.builder(Corpus.source("kernels", "saxpy.cpu.ll"), targets.get(0)).build();
        assertTrue(Campaign.compile(pool, good) instanceof Campaign.Compiled);
    }

    @Test
    void corpusCrashersAndMalformedInputs() {
        List<Campaign.Input> inputs = CampaignInputs.corpus(targets);
        Tally tally = Campaign.run(pool, inputs, 2);
        assertAllTyped(tally, inputs.size());
        for (String family : tally.families().keySet()) {
            if (family.startsWith("malformed/")) {
                Tally.Counts c = tally.families().get(family);
                assertEquals(c.inputs, c.typed.getOrDefault("invalid-ir", 0), family + ": every malformed file is invalid IR");
            }
        }
    }

    @Test
    void stressModulesAndMutatedBitcode() {
        List<Campaign.Input> inputs = new ArrayList<>(CampaignInputs.stress(targets, 0, 4, 60));
        inputs.addAll(CampaignInputs.mutations(targets.get(0), 30));
        assertAllTyped(Campaign.run(pool, inputs, 2), inputs.size());
    }
}

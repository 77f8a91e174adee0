package dev.gpuc.isolation;

import java.time.Duration;

/** Worker pools for tests: small, because the build machine has two cores. */
final class Pools {
    private Pools() {}

    /** One worker, so tests can see it being reused and replaced. */
    static WorkerPool single() {
        return new WorkerPool(WorkerPoolConfig.defaults().withWorkers(1));
    }

    static WorkerPool single(Duration jobTimeout) {
        return new WorkerPool(WorkerPoolConfig.defaults().withWorkers(1).withJobTimeout(jobTimeout));
    }
}

package dev.gpuc.ir;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TargetMachinePoolTest {
    static final TargetMachineSpec PTX = TargetMachineSpec.of("nvptx64-nvidia-cuda", "sm_75", "");
    static final TargetMachineSpec X86 = TargetMachineSpec.of("x86_64-unknown-linux-gnu", "x86-64", "");

    @Test
    void aMachineGivenBackIsLentAgainForItsSpecOnly() {
        TargetMachinePool pool = new TargetMachinePool();
        TargetMachine m = pool.take(PTX);
        pool.giveBack(m);
        TargetMachine other = pool.take(X86);
        assertNotSame(m, other);
        assertSame(m, pool.take(PTX));
        pool.giveBack(m);
        pool.giveBack(other);
        pool.clear();
        assertTrue(m.isClosed());
        assertTrue(other.isClosed());
    }

    @Test
    void machinesAreRetiredAfterTheirLoansAndClosedOnesDropped() {
        TargetMachinePool pool = new TargetMachinePool();
        TargetMachine first = pool.take(PTX);
        pool.giveBack(first);
        for (int i = 1; i < TargetMachinePool.MAX_USES; i++) {
            assertSame(first, pool.take(PTX));
            pool.giveBack(first);
        }
        assertTrue(first.isClosed(), "retired after " + TargetMachinePool.MAX_USES + " loans");
        TargetMachine next = pool.take(PTX);
        assertNotSame(first, next);
        next.close();
        pool.giveBack(next);
        assertEquals(0, pool.idleCount());
    }

    @Test
    void aMachineGivenBackTwiceIsLentOnceAndOneClosedWhileIdleIsSkipped() {
        TargetMachinePool pool = new TargetMachinePool();
        TargetMachine a = pool.take(PTX);
        TargetMachine b = pool.take(PTX);
        pool.giveBack(a);
        pool.giveBack(a);
        assertEquals(1, pool.idleCount());
        pool.giveBack(b);
        b.close(); // by a borrower that kept its reference
        assertSame(a, pool.take(PTX), "the closed one is passed over");
        TargetMachine fresh = pool.take(PTX);
        assertNotSame(a, fresh);
        assertFalse(fresh.isClosed());
        pool.giveBack(a);
        pool.giveBack(fresh);
        pool.clear();
    }

    @Test
    void theIdleAreBoundedAndTheOldestGoFirst() {
        TargetMachinePool pool = new TargetMachinePool();
        List<TargetMachine> lent = new ArrayList<>();
        for (int i = 0; i <= TargetMachinePool.MAX_IDLE; i++) {
            lent.add(pool.take(PTX));
        }
        lent.forEach(pool::giveBack);
        assertEquals(TargetMachinePool.MAX_IDLE, pool.idleCount());
        assertTrue(lent.get(0).isClosed());
        assertFalse(lent.get(1).isClosed());
        pool.clear();
    }

    @Test
    void noMachineIsLentTwiceAtOnce() throws Exception {
        TargetMachinePool pool = new TargetMachinePool();
        Set<TargetMachine> inUse = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        TargetMachine m = pool.take(i % 2 == 0 ? PTX : X86);
                        assertTrue(inUse.add(m), "lent twice");
                        m.checkOpen();
                        inUse.remove(m);
                        pool.giveBack(m);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
            pool.clear();
        }
    }
}

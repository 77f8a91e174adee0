package dev.gpuc.ir;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Target machines kept between compilations. Creating one costs 0.1–0.2 ms, and its first code
 * generation builds the subtarget (feature parsing, scheduling model) it then keeps: more than
 * gpuc's own work on a small kernel. A machine is lent to one compilation at a time, so
 * compilations still run in parallel safely; it holds no state of the modules it compiled that
 * changes later output (tested: reused machines emit byte-identical code), but some back ends
 * intern strings in it (NVPTX's string pool), so a machine is retired after {@link #MAX_USES}
 * loans, and at most {@link #MAX_IDLE} machines wait, the longest idle closed first.
 */
public final class TargetMachinePool {
    static final int MAX_USES = 64;
    static final int MAX_IDLE = 32;

    /** The process's pool. */
    public static final TargetMachinePool SHARED = new TargetMachinePool();

    private final Map<TargetMachineSpec, Deque<TargetMachine>> idle = new HashMap<>();
    /** Idle machines across specs, oldest first: what goes when the pool is full. */
    private final Deque<TargetMachine> byAge = new ArrayDeque<>();

    /**
     * A machine for {@code spec}, idle or new; give it back with {@link #giveBack}.
     *
     * @throws LlvmException as {@link TargetMachine#create} does
     */
    public TargetMachine take(TargetMachineSpec spec) {
        TargetMachine m;
        synchronized (this) {
            Deque<TargetMachine> ready = idle.get(spec);
            do {
                m = ready == null ? null : ready.pollLast();
                if (m != null) {
                    byAge.remove(m);
                }
            } while (m != null && m.isClosed()); // closed through a reference its borrower kept
        }
        if (m == null) {
            m = TargetMachine.create(spec);
        }
        m.lent();
        return m;
    }

    /**
     * Returns a machine taken from this pool. One whose compilation failed part-way should be
     * closed instead; a closed one is dropped, and one already back is not added twice.
     */
    public void giveBack(TargetMachine m) {
        if (m.isClosed()) {
            return;
        }
        if (m.loans() >= MAX_USES) {
            m.close();
            return;
        }
        TargetMachine evicted = null;
        synchronized (this) {
            if (byAge.contains(m)) {
                return;
            }
            idle.computeIfAbsent(m.spec(), s -> new ArrayDeque<>()).addLast(m);
            byAge.addLast(m);
            if (byAge.size() > MAX_IDLE) {
                evicted = byAge.pollFirst();
                Deque<TargetMachine> ready = idle.get(evicted.spec());
                ready.remove(evicted);
                if (ready.isEmpty()) {
                    idle.remove(evicted.spec());
                }
            }
        }
        if (evicted != null) {
            evicted.close();
        }
    }

    /** Closes every idle machine. */
    public void clear() {
        Deque<TargetMachine> all;
        synchronized (this) {
            all = new ArrayDeque<>(byAge);
            byAge.clear();
            idle.clear();
        }
        all.forEach(TargetMachine::close);
    }

    synchronized int idleCount() {
        return byAge.size();
    }
}

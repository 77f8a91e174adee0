package dev.gpuc.ir;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Native memory stays flat over many parse/emit/close cycles: every handle a cycle creates
 * (context, module, memory buffers, target machine, error messages) is freed. Java-side garbage
 * is not what this measures (a collection is requested before each reading so that javacpp's
 * GC-freed buffers and heap growth do not count), and the bound is generous: a leak of one
 * module or target machine per cycle would grow RSS by hundreds of MiB over 9,000 cycles.
 */
class NativeMemoryTest {
    static final int WARM_UP = 1_000;
    static final int CYCLES = 10_000;
    static final long BOUND_KIB = 64 * 1024;

    static final String KERNEL = """
            define void @k(ptr addrspace(1) %p, i32 %v) {
              store i32 %v, ptr addrspace(1) %p
              ret void
            }
            """;
    static final TargetMachineSpec SPEC =
            TargetMachineSpec.of("nvptx64-nvidia-cuda", "sm_70", "").withOptLevel(0);

    @Test
    void rssStaysFlatOverTenThousandCycles() throws IOException {
        long start = System.nanoTime();
        for (int i = 0; i < WARM_UP; i++) {
            cycle();
        }
        long afterWarmUp = rssKiB();
        for (int i = WARM_UP; i < CYCLES; i++) {
            cycle();
        }
        long atEnd = rssKiB();
        double seconds = (System.nanoTime() - start) / 1e9;
        long growth = atEnd - afterWarmUp;
        System.out.printf("NativeMemoryTest: VmRSS after %d warm-up cycles %d KiB, after %d cycles %d KiB, "
                + "growth %d KiB (bound %d KiB); %d cycles took %.1f s%n",
                WARM_UP, afterWarmUp, CYCLES, atEnd, growth, BOUND_KIB, CYCLES, seconds);
        assertTrue(growth < BOUND_KIB, () -> "RSS grew by " + growth + " KiB over " + (CYCLES - WARM_UP) + " cycles");
    }

    private static void cycle() {
        try (Context ctx = Context.create();
             Module m = ctx.parseText(KERNEL, "k.ll");
             TargetMachine tm = TargetMachine.create(SPEC)) {
            tm.configure(m);
            byte[] ptx = tm.emit(m, CodeGenFileType.ASSEMBLY);
            if (ptx.length == 0) {
                throw new AssertionError("empty PTX");
            }
            try {
                ctx.parseText("define void @broken(", "broken.ll"); // an error message allocated and freed
                throw new AssertionError("broken IR parsed");
            } catch (ParseException expected) {
                // the point is the native message it allocated
            }
        }
    }

    private static long rssKiB() throws IOException {
        System.gc();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}

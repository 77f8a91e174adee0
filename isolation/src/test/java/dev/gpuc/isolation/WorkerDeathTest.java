package dev.gpuc.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gpuc.api.BackendCrash;
import org.junit.jupiter.api.Test;

/** How an exit status and the last output become a crash's cause and message. */
class WorkerDeathTest {
    private static final String BANNER = """
            LLVM said something first
            #
            # A fatal error has been detected by the Java Runtime Environment:
            #
            #  SIGSEGV (0xb) at pc=0x00007f5975ad549c, pid=2691, tid=2692
            #
            # Problematic frame:
            # C  [libLLVM.so+0x15349c]  llvm::SPIRVGlobalRegistry::getSPIRVTypeID(llvm::MachineOperand const&)+0x1c
            #
            # CreateCoredumpOnCrash turned off, no core file dumped
            """;

    @Test
    void theJvmsBannerNamesTheSignalAndTheFrameAndIsDroppedFromTheMessage() {
        BackendCrash c = WorkerDeath.died(1, BANNER, "1g");
        assertEquals("signal 11 (SIGSEGV) in native code at C [libLLVM.so+0x15349c] "
                + "llvm::SPIRVGlobalRegistry::getSPIRVTypeID(llvm::MachineOperand const&)+0x1c", c.crashCause());
        assertEquals("LLVM said something first", c.lastOutput());
    }

    @Test
    void aSignalTheJvmDoesNotHandleIsReadFromTheStatus() {
        assertEquals("signal 6 (SIGABRT)", WorkerDeath.cause(134, "LLVM ERROR: Cannot select", "1g"));
        assertEquals("signal 9 (SIGKILL), killed from outside (the kernel's out-of-memory killer?)",
                WorkerDeath.cause(137, "", "1g"));
    }

    @Test
    void heapExhaustionNamesTheLimit() {
        assertEquals("out of memory: the worker's Java heap (-Xmx512m) is exhausted",
                WorkerDeath.cause(3, "Terminating due to java.lang.OutOfMemoryError: Java heap space", "512m"));
    }

    @Test
    void otherStatusesAreReportedAsSuch() {
        assertEquals("exit status 1", WorkerDeath.cause(1, "LLVM ERROR: something", "1g"));
    }

    @Test
    void theMessageEndsWithLlvmsLastLine() {
        BackendCrash c = WorkerDeath.died(134, "warning: x\nLLVM ERROR: Cannot select: FrameIndex\n", "1g");
        assertEquals("backend crashed: signal 6 (SIGABRT): LLVM ERROR: Cannot select: FrameIndex", c.getMessage());
    }
}

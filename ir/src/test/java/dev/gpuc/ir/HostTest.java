package dev.gpuc.ir;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class HostTest {
    /** Asked once per process: the same strings come back, not fresh answers to fresh queries. */
    @Test
    void hostFactsAreAskedOnce() {
        assertSame(Llvm.hostCpu(), Llvm.hostCpu());
        assertSame(Llvm.hostFeatures(), Llvm.hostFeatures());
        assertSame(Llvm.hostTriple(), Llvm.hostTriple());
    }

    @Test
    void hostFactsDescribeThisMachine() {
        String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
        assertTrue(Llvm.hostTriple().startsWith(arch + "-"), Llvm.hostTriple());
        assertFalse(Llvm.hostCpu().isEmpty());
        assertTrue(Llvm.hostFeatures().matches("[+-][\\w.-]+(,[+-][\\w.-]+)*"), Llvm.hostFeatures());
    }
}

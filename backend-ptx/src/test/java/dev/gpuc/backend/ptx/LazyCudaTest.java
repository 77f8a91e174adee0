package dev.gpuc.backend.ptx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.Backend;
import dev.gpuc.api.BackendLookup;
import dev.gpuc.api.Backends;
import dev.gpuc.api.CompileJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Discovering the PTX backend, asking for its loader and compiling must not load the CUDA
 * bindings (DESIGN.md: providers are not to load native libraries just to be looked at). Checked
 * in a fresh JVM, since other tests here do load them.
 */
class LazyCudaTest {
    /** Runs in the child JVM: discovery, loader object, a compilation. */
    public static void main(String[] args) {
        Backend b = ((BackendLookup.Found) Backends.discover().lookup("ptx")).backend();
        b.loader().orElseThrow();
        Ptx.compile(CompileJob.builder(dev.gpuc.api.ModuleSource.ofText("k.ll", """
                target triple = "nvptx64-nvidia-cuda"
                define ptx_kernel void @k(ptr addrspace(1) %o) {
                  store i32 1, ptr addrspace(1) %o
                  ret void
                }
                """), b.target("sm_80", "", java.util.Map.of("cubin", "false"))).build());
        System.out.println("compiled");
    }

    @Test
    void compilingNeverLoadsTheCudaBindings() throws Exception {
        Path log = Files.createTempFile("gpuc-lazy", ".log");
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(java, "-verbose:class", "-cp", System.getProperty("java.class.path"),
                    LazyCudaTest.class.getName())).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
            String out = Files.readString(log);
            assertEquals(0, p.exitValue(), out.lines().filter(l -> !l.startsWith("[")).reduce("", (x, y) -> x + y + "\n"));
            assertTrue(out.contains("compiled"));
            assertTrue(out.contains("dev.gpuc.backend.ptx.PtxLoader"), "the loader was asked for");
            assertFalse(out.contains("org.bytedeco.cuda"), "CUDA binding classes were loaded");
            assertFalse(out.contains("dev.gpuc.backend.ptx.CudaDriver "), "the driver class was loaded");
        } finally {
            Files.deleteIfExists(log);
        }
    }
}

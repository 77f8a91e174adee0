package dev.gpuc.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.BackendFailure;
import java.util.List;
import java.util.Map;
import org.bytedeco.llvm.LLVM.LLVMOrcJITDylibRef;
import org.junit.jupiter.api.Test;

class JitTest {
    @Test
    void aRefusedDefinitionIsDisposedAndReportedAndTheOriginalStands() {
        Jit jit = Jit.get();
        LLVMOrcJITDylibRef dylib = jit.acquire();
        try {
            jit.defineAbsolute(dylib, Map.of("gpuc_test_slot", 0x7f00_0000_1000L));
            BackendFailure e = assertThrows(BackendFailure.class,
                    () -> jit.defineAbsolute(dylib, Map.of("gpuc_test_slot", 0x10L)));
            assertTrue(e.getMessage().contains("Duplicate definition") && e.getMessage().contains("gpuc_test_slot"),
                    e.getMessage());
            assertEquals(Map.of("gpuc_test_slot", 0x7f00_0000_1000L), jit.lookup(dylib, List.of("gpuc_test_slot")));
        } finally {
            jit.release(dylib);
        }
    }

    @Test
    void eachJitDylibSeesOnlyItsOwnDefinitions() {
        Jit jit = Jit.get();
        LLVMOrcJITDylibRef first = jit.acquire();
        LLVMOrcJITDylibRef second = jit.acquire();
        try {
            jit.defineAbsolute(first, Map.of("gpuc_test_only_in_first", 1L));
            BackendFailure e = assertThrows(BackendFailure.class,
                    () -> jit.lookup(second, List.of("gpuc_test_only_in_first")));
            assertTrue(e.getMessage().contains("gpuc_test_only_in_first"), e.getMessage());
        } finally {
            jit.release(first);
            jit.release(second);
        }
    }
}

package dev.gpuc.ir;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every handle, and every view into one, fails with IllegalStateException once closed. */
class UseAfterCloseTest {
    static final TargetMachineSpec HOST = TargetMachineSpec.of("x86_64-unknown-linux-gnu", "x86-64", "");

    @Test
    void closedModule() {
        try (Context ctx = Context.create()) {
            Module m = ctx.parseText(EmitTest.VADD, "vadd.ll");
            Function f = m.function("vadd").orElseThrow();
            Instruction i = f.instructions().get(0);
            BasicBlock b = f.basicBlocks().get(0);
            m.close();
            m.close(); // closing twice is fine
            assertClosed(m::print, "Module");
            assertClosed(m::bitcode, "Module");
            assertClosed(m::verify, "Module");
            assertClosed(m::copy, "Module");
            assertClosed(() -> m.global("x"), "Module");
            assertClosed(f::name, "Module");
            assertClosed(f::basicBlocks, "Module");
            assertClosed(i::opcode, "Module");
            assertClosed(i::toString, "Module");
            assertClosed(b::instructions, "Module");
            assertClosed(() -> new Builder(m), "Module");
            assertFalse(ctx.isClosed(), "closing a module leaves its context open");
        }
    }

    @Test
    void closedContextClosesItsModules() {
        Context ctx = Context.create();
        Module m = ctx.parseText(EmitTest.VADD, "vadd.ll");
        Module copy = m.copy();
        Type i32 = ctx.intType(32);
        Value param = m.function("vadd").orElseThrow().parameters().get(0);
        ctx.close();
        assertTrue(m.isClosed());
        assertTrue(copy.isClosed());
        assertClosed(m::print, "Module");
        assertClosed(copy::print, "Module");
        assertClosed(param::type, "Module");
        assertClosed(i32::toString, "Context");
        assertClosed(() -> ctx.parseText("", "x.ll"), "Context");
        assertClosed(() -> ctx.createModule("x"), "Context");
        assertClosed(() -> ctx.intType(8), "Context");
        m.close(); // after the context: a no-op, not a double free
    }

    @Test
    void closedTargetMachine() {
        TargetMachine tm = TargetMachine.create(HOST);
        tm.close();
        try (Context ctx = Context.create(); Module m = ctx.parseText(EmitTest.VADD, "vadd.ll")) {
            assertClosed(() -> tm.emit(m, CodeGenFileType.OBJECT), "TargetMachine");
            assertClosed(tm::dataLayout, "TargetMachine");
            assertClosed(() -> tm.configure(m), "TargetMachine");
        }
    }

    @Test
    void closedBuilderAndBuffer() {
        try (Context ctx = Context.create(); Module m = ctx.createModule("b")) {
            Builder b = new Builder(m);
            b.close();
            assertClosed(b::retVoid, "Builder");
            MemoryBuffer buffer = MemoryBuffer.copyOf(new byte[] {1, 2, 3}, "buf");
            assertEquals(3, buffer.size());
            buffer.close();
            assertClosed(buffer::bytes, "MemoryBuffer");
            assertClosed(buffer::transfer, "MemoryBuffer");
        }
    }

    @Test
    void emittingFromAClosedModule() {
        try (Context ctx = Context.create(); TargetMachine tm = TargetMachine.create(HOST)) {
            Module m = ctx.parseText(EmitTest.VADD, "vadd.ll");
            m.close();
            assertClosed(() -> tm.emit(m, CodeGenFileType.OBJECT), "Module");
        }
    }

    private static void assertClosed(Executable action, String what) {
        IllegalStateException e = assertThrows(IllegalStateException.class, action);
        assertEquals(what + " is closed", e.getMessage());
    }
}

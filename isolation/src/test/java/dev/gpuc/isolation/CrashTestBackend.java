package dev.gpuc.isolation;

import dev.gpuc.api.Availability;
import dev.gpuc.api.Backend;
import dev.gpuc.api.BackendId;
import dev.gpuc.api.BasicTarget;
import dev.gpuc.api.CompilationContext;
import dev.gpuc.api.Payload;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.Target;
import dev.gpuc.ir.CodeGenFileType;
import dev.gpuc.ir.Linkage;
import dev.gpuc.ir.Llvm;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachine;
import dev.gpuc.ir.TargetMachineSpec;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.bytedeco.javacpp.Pointer;

/**
 * A backend that fails the ways a real one can, chosen by the target's arch, in {@code emit}
 * (after start succeeded, like most LLVM crashes) or, for {@code *-at-start}, in {@code machine}.
 * Only on test class paths (this module's, and others' through gpuc-isolation's test-jar, which
 * holds this class and its service entry); jobs for it must only ever run in workers.
 */
@BackendId(CrashTestBackend.ID)
public final class CrashTestBackend implements Backend {
    public static final String ID = "crash-test";

    /** What the backend does; the target's arch names it. */
    enum Mode {
        /** Emits the module's bitcode as an object payload. */
        OK,
        /** A real native SIGSEGV: javacpp's native memset on address 0. */
        SEGV,
        /** The same, while the job starts. */
        SEGV_AT_START,
        /** A real LLVM fatal error: NVPTX code generation of a visible symbol named with '#' aborts. */
        LLVM_FATAL,
        /** Spins forever. */
        HANG,
        /** Starts a child process that never ends, prints its pid, then spins forever. */
        HANG_WITH_CHILD,
        /** Fills the Java heap. */
        OOM,
        /** Calls System.exit(7), as a careless library might. */
        EXIT,
        /** Throws an unchecked exception that is not a GpucException. */
        THROW,
        /** Recurses until the stack overflows: a Java Error, after which the worker retires. */
        STACK_OVERFLOW,
        /** Prints to System.out and floods stderr, then succeeds. */
        CHATTY,
        /** Writes to file descriptor 1 itself, as native code's printf would, then succeeds. */
        STRAY_STDOUT;

        String arch() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        static Mode of(String arch) {
            return valueOf(arch.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    /** A target for this backend; plain data, so the host never instantiates the backend. */
    static Target target(Mode mode) {
        String triple = mode == Mode.LLVM_FATAL ? "nvptx64-nvidia-cuda" : Llvm.hostTriple();
        return BasicTarget.of(ID, triple, mode.arch(), "");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public Target defaultTarget() {
        return target(Mode.OK);
    }

    @Override
    public Target target(String arch, String features, Map<String, String> options) {
        return target(Mode.of(arch == null || arch.isEmpty() ? "ok" : arch));
    }

    @Override
    public Set<RelocationStrategy> supportedStrategies() {
        return Set.of(RelocationStrategy.BAKE);
    }

    @Override
    public RelocationStrategy preferredStrategy() {
        return RelocationStrategy.BAKE;
    }

    @Override
    public OptionalInt kernelCallingConvention() {
        return OptionalInt.empty();
    }

    @Override
    public TargetMachineSpec machine(Target target, int optLevel) {
        Mode mode = Mode.of(target.arch());
        if (mode == Mode.SEGV_AT_START) {
            segfault();
        }
        return new TargetMachineSpec(target.triple(), mode == Mode.LLVM_FATAL ? "sm_70" : "", "", optLevel,
                TargetMachineSpec.RelocModel.PIC, TargetMachineSpec.CodeModel.DEFAULT);
    }

    @Override
    public void prepare(Module module, CompilationContext context) {}

    @Override
    public List<Payload> emit(Module module, CompilationContext context) {
        switch (Mode.of(context.target().arch())) {
            case SEGV -> segfault();
            case LLVM_FATAL -> {
                // The pipeline internalised the global; a backend that keeps it visible hits the bug.
                module.globals().forEach(g -> g.setLinkage(Linkage.EXTERNAL));
                context.machine().emit(module, CodeGenFileType.ASSEMBLY);
            }
            case HANG -> spin();
            case HANG_WITH_CHILD -> {
                try {
                    Process child = new ProcessBuilder("sleep", "100000").start();
                    System.err.println("child pid " + child.pid());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                spin();
            }
            case OOM -> {
                List<long[]> hog = new ArrayList<>();
                while (true) {
                    hog.add(new long[1 << 20]);
                }
            }
            case EXIT -> System.exit(7);
            case THROW -> throw new IllegalStateException("the test backend's bug");
            case STACK_OVERFLOW -> recurse(0);
            case CHATTY -> {
                System.out.println("stdout noise that must not reach the frame stream");
                for (int i = 0; i < 2000; i++) {
                    System.err.println("stderr line " + i);
                }
            }
            case STRAY_STDOUT -> {
                try {
                    new FileOutputStream(FileDescriptor.out).write("hello from native code\n".getBytes(UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            default -> { }
        }
        return List.of(new Payload("object", module.bitcode()));
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    private static void segfault() {
        Pointer.memset(new Pointer(), 1, 64);
    }

    @SuppressWarnings("InfiniteLoopStatement")
    private static void spin() {
        while (true) {
            Thread.onSpinWait();
        }
    }
}

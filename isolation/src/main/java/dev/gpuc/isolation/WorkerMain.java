package dev.gpuc.isolation;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;

/**
 * Entry point of a worker JVM, started by {@link WorkerPool}: frames on stdin and stdout,
 * everything else on stderr (the host keeps its tail as "LLVM's last message").
 */
public final class WorkerMain {
    private WorkerMain() {}

    /** Compilations recurse deeply in LLVM on large modules: the job thread gets a large stack. */
    private static final long STACK_BYTES = 64L << 20;

    public static void main(String[] args) throws InterruptedException {
        // Before anything else can print: stdout carries only frames from here on.
        OutputStream frames = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        System.setOut(System.err);
        // A host that dies mid-job cannot close our stdin in a way a busy worker notices: follow it.
        ProcessHandle.current().parent().ifPresent(host ->
                host.onExit().thenRun(() -> Runtime.getRuntime().halt(Protocol.EXIT_ORPHANED)));
        int[] status = new int[1];
        Thread session = new Thread(null,
                () -> status[0] = new WorkerSession(new BufferedInputStream(System.in, 1 << 16), frames).run(),
                "gpuc-worker", STACK_BYTES);
        session.start();
        session.join();
        System.exit(status[0]);
    }
}

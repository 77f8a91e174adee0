package dev.gpuc.isolation;

import dev.gpuc.api.Backend;
import dev.gpuc.api.BackendFailure;
import dev.gpuc.api.Backends;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.Gpuc;
import dev.gpuc.api.GpucException;
import dev.gpuc.ir.Llvm;
import dev.gpuc.passes.CodegenPipeline;
import dev.gpuc.passes.CompileResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The worker's side of the protocol: HELLO, then one job at a time (START, perhaps
 * KEY_MATERIAL_REQUEST, then FINISH or ABANDON) until the host closes the pipe. Runs
 * {@link CodegenPipeline} exactly as the host would in-process, so artifacts and key material
 * are the same bytes.
 */
final class WorkerSession {
    private final InputStream in;
    private final OutputStream out;
    private final Backends backends = Backends.discover();
    /** Backends found so far: a lookup asks the backend's availability again, once per job would be waste. */
    private final Map<String, Backend> found = new HashMap<>();
    private final ServiceClock clock = new ServiceClock();
    private CodegenPipeline.Compilation current;
    private String currentBackend = "";

    WorkerSession(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** Serves jobs until the host closes stdin; returns the process's exit status. */
    int run() {
        try {
            send(MessageType.HELLO, new WireWriter().i32(Protocol.VERSION).str(Gpuc.version()).str(Llvm.version())
                    .i64(ProcessHandle.current().pid()).toByteArray());
            while (true) {
                Optional<Frames.Frame> frame = Frames.read(in);
                if (frame.isEmpty()) {
                    return 0;
                }
                clock.request();
                if (!serve(frame.get())) {
                    return Protocol.EXIT_RETIRED;
                }
            }
        } catch (ProtocolException e) {
            System.err.println("gpuc worker: protocol violation: " + e.getMessage());
            return Protocol.EXIT_PROTOCOL;
        } catch (IOException | UncheckedIOException e) {
            System.err.println("gpuc worker: lost the host: " + e);
            return Protocol.EXIT_IO;
        } finally {
            closeCurrent();
        }
    }

    /** Handles one request; false when the worker must retire after answering. */
    private boolean serve(Frames.Frame frame) throws IOException {
        switch (frame.type()) {
            case START -> {
                closeCurrent();
                currentBackend = JobCodec.backendOf(frame.reader());
                return reply(() -> {
                    Backend backend = found.computeIfAbsent(currentBackend, id -> backends.lookup(id).orThrow());
                    WireReader r = frame.reader();
                    CompileJob job = JobCodec.decode(r, backend, new RemoteRuntimeValues(this::ask));
                    boolean withKeyMaterial = r.bool();
                    r.end();
                    current = CodegenPipeline.start(job, backend);
                    send(MessageType.STARTED, StartReply.of(current, withKeyMaterial, clock).encode());
                });
            }
            case KEY_MATERIAL_REQUEST -> {
                if (current == null) {
                    throw new ProtocolException("KEY_MATERIAL_REQUEST without a started job");
                }
                return reply(() -> {
                    byte[] keyMaterial = current.keyMaterial();
                    send(MessageType.KEY_MATERIAL, KeyMaterialReply.encode(keyMaterial, clock));
                });
            }
            case FINISH -> {
                if (current == null) {
                    throw new ProtocolException("FINISH without a started job");
                }
                try {
                    return reply(() -> {
                        CompileResult result = current.finish();
                        send(MessageType.RESULT, FinishReply.encode(result, clock));
                    });
                } finally {
                    closeCurrent();
                }
            }
            case ABANDON -> {
                closeCurrent();
                return true;
            }
            default -> throw new ProtocolException("a worker does not accept " + frame.type());
        }
    }

    private interface Step {
        void run() throws IOException;
    }

    /**
     * Runs a step, answering its typed failure as an ERROR frame. Any other exception is the
     * backend's bug, reported as its failure; an {@link Error} also retires the worker.
     */
    private boolean reply(Step step) throws IOException {
        try {
            step.run();
            return true;
        } catch (GpucException e) {
            closeCurrent();
            send(MessageType.ERROR, ErrorCodec.encode(new WireWriter().bool(false), e).toByteArray());
            return true;
        } catch (ProtocolException | UncheckedIOException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            closeCurrent();
            e.printStackTrace();
            boolean retiring = e instanceof Error;
            send(MessageType.ERROR, ErrorCodec.encode(new WireWriter().bool(retiring), new BackendFailure(currentBackend,
                    "internal error in backend '" + currentBackend + "' (worker process): " + e)).toByteArray());
            return !retiring;
        }
    }

    private WireReader ask(MessageType question, byte[] body, MessageType answer) {
        try {
            long asked = System.nanoTime();
            send(question, body);
            Frames.Frame f = Frames.read(in).orElseThrow(() -> new ProtocolException("host closed the pipe mid-question"));
            clock.waitedForHost(System.nanoTime() - asked);
            if (f.type() != answer) {
                throw new ProtocolException("expected " + answer + ", got " + f.type());
            }
            return f.reader();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void send(MessageType type, byte[] body) throws IOException {
        Frames.write(out, type, body);
    }

    private void closeCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}

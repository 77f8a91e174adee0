package dev.gpuc.backend.ptx;

import static org.bytedeco.cuda.global.cudart.CUDA_SUCCESS;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.Availability;
import dev.gpuc.api.BackendFailure;
import dev.gpuc.api.Binding;
import dev.gpuc.api.Loader;
import dev.gpuc.api.Payload;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.UnsupportedFeature;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.bytedeco.cuda.cudart.CUmod_st;

/**
 * Loads PTX artifacts on the first CUDA device, like the loading half of CUDA.jl: the cubin when
 * the GPU runs it, else the PTX through the driver's JIT (its log goes into the error); then
 * every slot gets this session's value before anything can launch: PATCH slots are written with
 * {@code cuModuleGetGlobal} + {@code cuMemcpyHtoD}, a TABLE is allocated and filled.
 *
 * <p>Constructing it touches nothing; the CUDA bindings load on the first call that needs them,
 * and a machine without a driver or GPU gets an {@link Availability} that says so.
 */
public final class PtxLoader implements Loader {
    @Override
    public Availability availability() {
        try {
            return CudaDriver.availability();
        } catch (LinkageError e) {
            return Availability.no("the CUDA bindings (org.bytedeco:cuda) are not usable here: " + e);
        }
    }

    /** Device memory for kernel arguments. */
    public DeviceBuffer allocate(int bytes) {
        return new DeviceBuffer(CudaDriver.get(), bytes);
    }

    /** The compute capability of the GPU this loader loads on: what to compile for. */
    public ComputeCapability capability() {
        return CudaDriver.get().capability();
    }

    /** The GPU this loader loads on, such as {@code NVIDIA H100 (device 0, sm_90)}. */
    public String device() {
        return CudaDriver.get().deviceName();
    }

    @Override
    public PtxModule load(Artifact artifact, RuntimeValues values) {
        if (!artifact.provenance().backend().equals(PtxTarget.BACKEND)) {
            throw new IllegalArgumentException("not a PTX artifact: it comes from backend '"
                    + artifact.provenance().backend() + "'");
        }
        if (artifact.strategy() == RelocationStrategy.IMPORT) {
            throw new UnsupportedFeature("the CUDA driver cannot bind IMPORT slots; compile with PATCH or TABLE");
        }
        // Resolved before touching the GPU: an unknown key fails here, never with a stale address.
        List<Binding> bindings = artifact.relocations().bind(values, artifact.strategy());
        CudaDriver driver = CudaDriver.get();
        Loaded loaded = loadImage(driver, artifact);
        OptionalLong table = OptionalLong.empty();
        try {
            if (artifact.strategy() == RelocationStrategy.PATCH) {
                patch(driver, loaded.module(), bindings);
            } else if (artifact.strategy() == RelocationStrategy.TABLE) {
                // Every entry point has the table parameter, even when no slot survived.
                table = OptionalLong.of(table(driver, bindings));
            }
            return new PtxModule(driver, artifact, bindings, loaded.module(), table, loaded.kind());
        } catch (RuntimeException e) {
            table.ifPresent(driver::free);
            driver.unload(loaded.module());
            throw e;
        }
    }

    private record Loaded(CUmod_st module, String kind) {}

    /**
     * The cubin first: no JIT cost, and {@code ptxas} already accepted it. A cubin for another
     * GPU fails to load ({@code CUDA_ERROR_NO_BINARY_FOR_GPU}); then the PTX is JIT-compiled.
     */
    private static Loaded loadImage(CudaDriver driver, Artifact artifact) {
        List<String> failures = new ArrayList<>();
        for (String kind : List.of(PtxBackend.CUBIN, PtxBackend.PTX)) {
            Optional<Payload> payload = artifact.payload(kind);
            if (payload.isEmpty()) {
                continue;
            }
            CudaDriver.LoadResult r = driver.loadModule(payload.get().bytes());
            if (r.error() == CUDA_SUCCESS) {
                return new Loaded(r.module(), kind);
            }
            failures.add("loading the " + kind + " on " + driver.deviceName() + " failed: " + CudaDriver.error(r.error())
                    + (r.log().isEmpty() ? "" : "\n" + r.log()));
        }
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("the artifact has neither a cubin nor PTX");
        }
        throw new BackendFailure(PtxTarget.BACKEND, String.join("\n", failures));
    }

    /** Writes each slot's value into its {@code .visible .global} word. */
    private static void patch(CudaDriver driver, CUmod_st module, List<Binding> bindings) {
        for (Binding b : bindings) {
            long[] global = driver.global(module, b.slot().name());
            if (global[1] != b.slot().size()) {
                throw new BackendFailure(PtxTarget.BACKEND, "slot " + b.slot().name() + " is " + global[1]
                        + " bytes in the module but " + b.slot().size() + " in the relocation table");
            }
            driver.copyToDevice(global[0], littleEndian(b.value(), b.slot().size()));
        }
    }

    /** A device array of 64-bit values in relocation-table order, for the hidden kernel argument. */
    private static long table(CudaDriver driver, List<Binding> bindings) {
        ByteBuffer words = ByteBuffer.allocate(8 * bindings.size()).order(ByteOrder.LITTLE_ENDIAN);
        bindings.forEach(b -> words.putLong(b.value()));
        long address = driver.allocate(Math.max(8, words.capacity()));
        try {
            if (!bindings.isEmpty()) {
                driver.copyToDevice(address, words.array());
            }
        } catch (RuntimeException e) {
            driver.free(address);
            throw e;
        }
        return address;
    }

    private static byte[] littleEndian(long value, int size) {
        byte[] out = new byte[size];
        for (int i = 0; i < size && i < 8; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return out;
    }
}

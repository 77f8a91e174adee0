package dev.gpuc.backend.ptx;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.Binding;
import dev.gpuc.api.EntryPoint;
import dev.gpuc.api.LoadedModule;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * An artifact loaded on the GPU with its slots bound: kernels can be launched. Closing it
 * unloads the CUDA module and frees the relocation table.
 */
public final class PtxModule implements LoadedModule {
    private final CudaDriver driver;
    private final Artifact artifact;
    private final List<Binding> bindings;
    private final CUmod_st module;
    private final OptionalLong table;
    private final String loadedKind;
    private boolean closed;

    PtxModule(CudaDriver driver, Artifact artifact, List<Binding> bindings, CUmod_st module, OptionalLong table,
              String loadedKind) {
        this.driver = driver;
        this.artifact = artifact;
        this.bindings = List.copyOf(bindings);
        this.module = module;
        this.table = table;
        this.loadedKind = loadedKind;
    }

    @Override
    public Artifact artifact() {
        return artifact;
    }

    @Override
    public List<Binding> bindings() {
        return bindings;
    }

    /** Which payload the driver loaded: {@code cubin}, or {@code ptx} when it had to JIT-compile. */
    public String loadedPayload() {
        return loadedKind;
    }

    /** The current value of a global of the module, such as a PATCH slot. */
    public long readGlobalWord(String symbol) {
        checkOpen();
        long[] g = driver.global(module, symbol);
        byte[] bytes = driver.copyFromDevice(g[0], 8);
        return java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /**
     * Launches an entry point and waits for it. Arguments map to kernel parameters in order:
     * {@link Integer} (i32), {@link Long} (i64), {@link Float}, {@link Double},
     * {@link DeviceBuffer} (its address), {@code byte[]} (an aggregate passed by value). Under
     * TABLE the hidden table pointer is appended here.
     */
    public void launch(String entryPoint, Dim3 grid, Dim3 block, int sharedBytes, Object... args) {
        checkOpen();
        EntryPoint e = artifact.entryPoint(entryPoint).orElseThrow(() -> new IllegalArgumentException(
                "no entry point '" + entryPoint + "' in this artifact; it has " + artifact.entryPoints().stream()
                        .map(EntryPoint::name).toList()));
        List<Object> all = new ArrayList<>(List.of(args));
        table.ifPresent(all::add);
        List<Pointer> values = new ArrayList<>();
        try (PointerPointer<Pointer> params = new PointerPointer<>(Math.max(1, all.size()))) {
            for (int i = 0; i < all.size(); i++) {
                Pointer p = argument(all.get(i), i);
                values.add(p);
                params.put(i, p);
            }
            driver.launch(driver.function(module, e.symbol()), grid, block, sharedBytes, params);
        } finally {
            values.forEach(Pointer::close);
        }
    }

    private static Pointer argument(Object arg, int index) {
        if (arg instanceof Integer v) {
            return new IntPointer(1).put(v);
        } else if (arg instanceof Long v) {
            return new LongPointer(1).put(v);
        } else if (arg instanceof Float v) {
            return new FloatPointer(1).put(v);
        } else if (arg instanceof Double v) {
            return new DoublePointer(1).put(v);
        } else if (arg instanceof DeviceBuffer b) {
            return new LongPointer(1).put(b.address());
        } else if (arg instanceof byte[] bytes) {
            return new BytePointer(bytes);
        }
        throw new IllegalArgumentException("kernel argument " + index + " has unsupported type "
                + (arg == null ? "null" : arg.getClass().getName()));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("module was unloaded");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            driver.unload(module);
        } finally {
            table.ifPresent(driver::free);
        }
    }
}

package dev.gpuc.backend.ptx;

import static org.bytedeco.cuda.global.cudart.*;

import dev.gpuc.api.Availability;
import dev.gpuc.api.BackendFailure;
import dev.gpuc.api.BackendUnavailable;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * The CUDA driver API, through bytedeco's bindings: device 0 and its primary context. The only
 * class that touches CUDA's natives; nothing loads it until a loader is asked for, so
 * discovering the PTX backend never loads them.
 *
 * <p>Every call runs with the primary context pushed on the calling thread and popped after,
 * so callers on any thread work and their own current context is left alone.
 */
final class CudaDriver {
    private static final int LOG_BYTES = 16 * 1024;

    private final int device;
    private final CUctx_st context;
    private final ComputeCapability capability;
    private final String name;

    private CudaDriver(int device, CUctx_st context, ComputeCapability capability, String name) {
        this.device = device;
        this.context = context;
        this.capability = capability;
        this.name = name;
    }

    /** Initialised once per JVM: the driver of device 0, or why there is none. */
    private static final class Once {
        static final Object DRIVER = open();
    }

    private static Object open() {
        try {
            int r = cuInit(0);
            if (r != CUDA_SUCCESS) {
                return "cuInit failed: " + error(r) + (r == CUDA_ERROR_NO_DEVICE ? " (no CUDA device)" : "");
            }
            int[] count = {0};
            check(cuDeviceGetCount(count), "cuDeviceGetCount");
            if (count[0] == 0) {
                return "the CUDA driver reports no device";
            }
            int[] dev = {0};
            check(cuDeviceGet(dev, 0), "cuDeviceGet");
            int[] major = {0};
            int[] minor = {0};
            check(cuDeviceGetAttribute(major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev[0]), "cuDeviceGetAttribute");
            check(cuDeviceGetAttribute(minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev[0]), "cuDeviceGetAttribute");
            byte[] name = new byte[256];
            check(cuDeviceGetName(name, name.length, dev[0]), "cuDeviceGetName");
            CUctx_st ctx = new CUctx_st();
            check(cuDevicePrimaryCtxRetain(ctx, dev[0]), "cuDevicePrimaryCtxRetain");
            return new CudaDriver(dev[0], ctx, new ComputeCapability(major[0], minor[0], ""), cString(name));
        } catch (LinkageError e) {
            // UnsatisfiedLinkError when libcuda/libcudart are missing; NoClassDefFoundError after that.
            return "cannot load the CUDA driver bindings (libcuda.so.1 from the NVIDIA driver and the CUDA 12"
                    + " runtime libcudart.so.12 are needed): " + e;
        } catch (BackendFailure e) {
            return e.getMessage();
        }
    }

    static Availability availability() {
        return Once.DRIVER instanceof CudaDriver d
                ? Availability.yes()
                : Availability.no(String.valueOf(Once.DRIVER));
    }

    /** @throws BackendUnavailable with the reason when there is no usable driver or GPU */
    static CudaDriver get() {
        if (Once.DRIVER instanceof CudaDriver d) {
            return d;
        }
        throw new BackendUnavailable(PtxTarget.BACKEND, true, "no CUDA device to load on: " + Once.DRIVER);
    }

    ComputeCapability capability() {
        return capability;
    }

    String deviceName() {
        return name + " (device " + device + ", " + capability + ")";
    }

    /** Runs {@code body} with the primary context current on this thread. */
    <T> T inContext(Supplier<T> body) {
        check(cuCtxPushCurrent(context), "cuCtxPushCurrent");
        try {
            return body.get();
        } finally {
            cuCtxPopCurrent(new CUctx_st());
        }
    }

    /** Outcome of {@link #loadModule}: the module, or the driver's code and JIT log. */
    record LoadResult(CUmod_st module, int error, String log) {}

    /** Loads a cubin or NUL-terminated PTX image, capturing the JIT's error and info logs. */
    LoadResult loadModule(byte[] image) {
        return inContext(() -> {
            try (BytePointer data = new BytePointer(image.length + 1);
                 BytePointer infoLog = new BytePointer(LOG_BYTES);
                 BytePointer errorLog = new BytePointer(LOG_BYTES);
                 IntPointer options = new IntPointer(CU_JIT_INFO_LOG_BUFFER, CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES,
                         CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES);
                 // void** option values: the buffers' addresses and their sizes, as words.
                 LongPointer values = new LongPointer(4)) {
                data.put(image).put(image.length, (byte) 0);
                infoLog.put(0, (byte) 0);
                errorLog.put(0, (byte) 0);
                values.put(0, infoLog.address()).put(1, LOG_BYTES).put(2, errorLog.address()).put(3, LOG_BYTES);
                CUmod_st module = new CUmod_st();
                int r = cuModuleLoadDataEx(module, data, 4, options, values);
                String log = (errorLog.getString().strip() + "\n" + infoLog.getString().strip()).strip();
                return new LoadResult(r == CUDA_SUCCESS ? module : null, r, log);
            }
        });
    }

    void unload(CUmod_st module) {
        inContext(() -> {
            check(cuModuleUnload(module), "cuModuleUnload");
            return null;
        });
    }

    /** Address and size of a module's global. */
    long[] global(CUmod_st module, String symbol) {
        return inContext(() -> {
            long[] address = {0};
            try (SizeTPointer size = new SizeTPointer(1)) {
                check(cuModuleGetGlobal(address, size, module, symbol), "cuModuleGetGlobal(" + symbol + ")");
                return new long[] {address[0], size.get()};
            }
        });
    }

    CUfunc_st function(CUmod_st module, String symbol) {
        return inContext(() -> {
            CUfunc_st f = new CUfunc_st();
            check(cuModuleGetFunction(f, module, symbol), "cuModuleGetFunction(" + symbol + ")");
            return f;
        });
    }

    long allocate(long bytes) {
        return inContext(() -> {
            long[] address = {0};
            check(cuMemAlloc(address, bytes), "cuMemAlloc(" + bytes + ")");
            return address[0];
        });
    }

    void free(long address) {
        inContext(() -> {
            check(cuMemFree(address), "cuMemFree");
            return null;
        });
    }

    void copyToDevice(long address, byte[] bytes) {
        inContext(() -> {
            try (BytePointer p = new BytePointer(bytes)) {
                check(cuMemcpyHtoD(address, p, bytes.length), "cuMemcpyHtoD");
            }
            return null;
        });
    }

    byte[] copyFromDevice(long address, int length) {
        return inContext(() -> {
            try (BytePointer p = new BytePointer(length)) {
                check(cuMemcpyDtoH(p, address, length), "cuMemcpyDtoH");
                byte[] out = new byte[length];
                p.get(out);
                return out;
            }
        });
    }

    /** Launches and waits, so that a fault in the kernel is reported by this call. */
    void launch(CUfunc_st function, Dim3 grid, Dim3 block, int sharedBytes, PointerPointer<Pointer> params) {
        inContext(() -> {
            check(cuLaunchKernel(function, grid.x(), grid.y(), grid.z(), block.x(), block.y(), block.z(),
                    sharedBytes, null, params, (PointerPointer<?>) null), "cuLaunchKernel");
            check(cuCtxSynchronize(), "kernel execution (cuCtxSynchronize)");
            return null;
        });
    }

    static void check(int result, String what) {
        if (result != CUDA_SUCCESS) {
            throw new BackendFailure(PtxTarget.BACKEND, what + " failed: " + error(result));
        }
    }

    static String error(int result) {
        try (PointerPointer<BytePointer> name = new PointerPointer<>(1);
             PointerPointer<BytePointer> text = new PointerPointer<>(1)) {
            String n = cuGetErrorName(result, name) == CUDA_SUCCESS ? name.getString(0) : "CUDA error";
            String t = cuGetErrorString(result, text) == CUDA_SUCCESS ? text.getString(0) : "";
            return n + " (" + result + ")" + (t.isEmpty() ? "" : ": " + t);
        }
    }

    private static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}

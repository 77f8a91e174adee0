package dev.gpuc.backend.spirv;

import static org.bytedeco.opencl.global.OpenCL.*;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.BackendFailure;
import dev.gpuc.api.Binding;
import dev.gpuc.api.LoadedModule;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.ir.Owned;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.opencl._cl_command_queue;
import org.bytedeco.opencl._cl_context;
import org.bytedeco.opencl._cl_device_id;
import org.bytedeco.opencl._cl_kernel;
import org.bytedeco.opencl._cl_mem;
import org.bytedeco.opencl._cl_program;
import org.bytedeco.opencl.global.OpenCL;

/**
 * A SPIR-V artifact built for one OpenCL device, with its kernels and its runtime globals bound.
 * Under TABLE the bound values live in a device buffer that every launch passes as the hidden
 * trailing argument; under PATCH the artifact's slot-setting kernel has stored them; under BAKE
 * they are in the code, and binding only confirmed that this session has the same. Closing
 * releases every OpenCL object exactly once. Not thread-safe.
 */
public final class OpenClModule implements LoadedModule {
    private final Artifact artifact;
    private final List<Binding> bindings;
    private final OpenClDevice device;
    /** Every OpenCL object this module made, in creation order; released in reverse. */
    private final List<Owned> owned;
    private final ClHandle<_cl_context> context;
    private final ClHandle<_cl_command_queue> queue;
    private final Map<String, ClHandle<_cl_kernel>> kernels;
    private final ClHandle<_cl_mem> table;
    private final Set<DeviceBuffer> buffers = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    private OpenClModule(Artifact artifact, List<Binding> bindings, OpenClDevice device, List<Owned> owned,
                         ClHandle<_cl_context> context, ClHandle<_cl_command_queue> queue,
                         Map<String, ClHandle<_cl_kernel>> kernels, ClHandle<_cl_mem> table) {
        this.artifact = artifact;
        this.bindings = List.copyOf(bindings);
        this.device = device;
        this.owned = owned;
        this.context = context;
        this.queue = queue;
        this.kernels = kernels;
        this.table = table;
    }

    /**
     * Builds {@code il} for {@code device} and binds {@code bindings} as the artifact's strategy
     * says. The queue comes from {@code clCreateCommandQueue}, deprecated since OpenCL 2.0, because
     * its successor is missing on OpenCL 1.2 platforms.
     */
    @SuppressWarnings("deprecation")
    static OpenClModule load(OpenClDevice device, Artifact artifact, List<Binding> bindings, byte[] il) {
        List<Owned> owned = new ArrayList<>();
        try {
            ClHandle<_cl_context> context = own(owned, createContext(device.id()), OpenCL::clReleaseContext);
            ClHandle<_cl_command_queue> queue = own(owned, created("clCreateCommandQueue",
                    err -> clCreateCommandQueue(context.get(), device.id(), 0, err)), OpenCL::clReleaseCommandQueue);
            ClHandle<_cl_program> program;
            try (BytePointer code = new BytePointer(il)) {
                program = own(owned, created("clCreateProgramWithIL",
                        err -> clCreateProgramWithIL(context.get(), code, il.length, err)), OpenCL::clReleaseProgram);
            }
            build(program.get(), device);
            Map<String, ClHandle<_cl_kernel>> kernels = createKernels(owned, program.get());
            ClHandle<_cl_mem> table = null;
            if (artifact.strategy() == RelocationStrategy.TABLE) {
                table = own(owned, upload(context.get(), values(bindings)), OpenCL::clReleaseMemObject);
            } else if (artifact.strategy() == RelocationStrategy.PATCH && !bindings.isEmpty()) {
                patch(context.get(), queue.get(), kernels.remove(SlotSetterKernel.NAME), bindings);
            }
            return new OpenClModule(artifact, bindings, device, owned, context, queue, kernels, table);
        } catch (RuntimeException e) {
            releaseAll(owned);
            throw e;
        }
    }

    public OpenClDevice device() {
        return device;
    }

    @Override
    public Artifact artifact() {
        return artifact;
    }

    @Override
    public List<Binding> bindings() {
        return bindings;
    }

    /** Names of the kernels the program holds. */
    public Set<String> kernels() {
        return Collections.unmodifiableSet(kernels.keySet());
    }

    public DeviceBuffer allocate(long bytes) {
        checkOpen();
        ClHandle<_cl_mem> mem = new ClHandle<>(created("clCreateBuffer",
                err -> clCreateBuffer(context.get(), CL_MEM_READ_WRITE, Math.max(1, bytes), null, err)),
                OpenCL::clReleaseMemObject);
        DeviceBuffer buffer = new DeviceBuffer(this, mem, bytes);
        buffers.add(buffer);
        return buffer;
    }

    public DeviceBuffer upload(byte[] data) {
        DeviceBuffer b = allocate(data.length);
        b.write(data);
        return b;
    }

    public DeviceBuffer upload(float[] data) {
        ByteBuffer bytes = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.nativeOrder());
        bytes.asFloatBuffer().put(data);
        return upload(bytes.array());
    }

    public DeviceBuffer upload(long[] data) {
        return upload(longBytes(data));
    }

    /**
     * Runs {@code kernel} over {@code globalSize} work items (one entry per dimension) and waits
     * for it; {@code localSize} may be null to let the runtime choose. Under TABLE the relocation
     * table is passed after {@code args}.
     */
    public void launch(String kernel, long[] globalSize, long[] localSize, KernelArg... args) {
        checkOpen();
        String symbol = artifact.entryPoint(kernel).map(e -> e.symbol()).orElse(kernel);
        ClHandle<_cl_kernel> k = kernels.get(symbol);
        if (k == null) {
            throw new IllegalArgumentException("no kernel '" + kernel + "' in this program (kernels: " + kernels() + ")");
        }
        // Under TABLE every entry point has the table as its last parameter.
        int expected = numArgs(k.get()) - (table != null ? 1 : 0);
        if (expected != args.length) {
            throw new IllegalArgumentException("kernel '" + kernel + "' takes " + expected + " arguments"
                    + (table != null ? " besides the relocation table" : "") + ", got " + args.length);
        }
        for (int i = 0; i < args.length; i++) {
            setArg(k.get(), i, args[i]);
        }
        if (table != null) {
            setMemArg(k.get(), args.length, table.get());
        }
        enqueue(queue.get(), k.get(), globalSize, localSize);
    }

    _cl_command_queue queue() {
        checkOpen();
        return queue.get();
    }

    void forget(DeviceBuffer buffer) {
        buffers.remove(buffer);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("OpenClModule is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        for (DeviceBuffer b : new ArrayList<>(buffers)) {
            b.close();
        }
        closed = true;
        releaseAll(owned);
    }

    // ---- OpenCL calls ------------------------------------------------------------------------

    /** A {@code clCreate*} call that reports failure through its last argument. */
    private interface Creation<T extends Pointer> {
        T create(IntPointer error);
    }

    private static <T extends Pointer> T created(String call, Creation<T> creation) {
        try (IntPointer error = new IntPointer(1)) {
            T object = creation.create(error);
            ClStatus.check(error.get(), call);
            if (object == null || object.isNull()) {
                throw new BackendFailure(SpirvTarget.BACKEND, call + " returned no object");
            }
            return object;
        }
    }

    private static <T extends Pointer> ClHandle<T> own(List<Owned> owned, T object,
                                                       java.util.function.ToIntFunction<T> release) {
        ClHandle<T> h = new ClHandle<>(object, release);
        owned.add(h);
        return h;
    }

    private static void releaseAll(List<Owned> owned) {
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).close();
        }
    }

    /**
     * A one-element array holding {@code p}; {@code new PointerPointer<>(p)} would instead be
     * javacpp's cast constructor, an array <em>at</em> {@code p}.
     */
    private static <P extends Pointer> PointerPointer<P> one(P p) {
        PointerPointer<P> array = new PointerPointer<>(1);
        array.put(0, p);
        return array;
    }

    private static _cl_context createContext(_cl_device_id device) {
        try (PointerPointer<_cl_device_id> devices = one(device)) {
            return created("clCreateContext", err -> clCreateContext(null, 1, devices, null, null, err));
        }
    }

    /** Builds the program; a failure carries the device's build log. */
    private static void build(_cl_program program, OpenClDevice device) {
        int status;
        try (PointerPointer<_cl_device_id> devices = one(device.id());
             BytePointer options = new BytePointer("")) {
            status = clBuildProgram(program, 1, devices, options, null, null);
        }
        if (status != CL_SUCCESS) {
            throw new BackendFailure(SpirvTarget.BACKEND, "clBuildProgram for " + device.name() + " failed: "
                    + ClStatus.name(status) + "; build log:\n" + buildLog(program, device.id()));
        }
    }

    private static String buildLog(_cl_program program, _cl_device_id device) {
        try (SizeTPointer size = new SizeTPointer(1)) {
            if (clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, 0, null, size) != CL_SUCCESS
                    || size.get() == 0) {
                return "(no build log)";
            }
            try (BytePointer log = new BytePointer(size.get())) {
                clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, size.get(), log, null);
                String text = OpenClDevice.cString(log, size.get());
                return text.isEmpty() ? "(empty build log)" : text;
            }
        }
    }

    private static Map<String, ClHandle<_cl_kernel>> createKernels(List<Owned> owned, _cl_program program) {
        int[] count = new int[1];
        ClStatus.check(clCreateKernelsInProgram(program, 0, (PointerPointer<?>) null, count), "clCreateKernelsInProgram");
        Map<String, ClHandle<_cl_kernel>> out = new TreeMap<>();
        try (PointerPointer<_cl_kernel> kernels = new PointerPointer<>(Math.max(1, count[0]))) {
            ClStatus.check(clCreateKernelsInProgram(program, count[0], kernels, (int[]) null), "clCreateKernelsInProgram");
            for (int i = 0; i < count[0]; i++) {
                ClHandle<_cl_kernel> k = own(owned, kernels.get(_cl_kernel.class, i), OpenCL::clReleaseKernel);
                out.put(kernelName(k.get()), k);
            }
        }
        return out;
    }

    private static String kernelName(_cl_kernel kernel) {
        try (SizeTPointer size = new SizeTPointer(1)) {
            ClStatus.check(clGetKernelInfo(kernel, CL_KERNEL_FUNCTION_NAME, 0, null, size), "clGetKernelInfo");
            try (BytePointer name = new BytePointer(size.get())) {
                ClStatus.check(clGetKernelInfo(kernel, CL_KERNEL_FUNCTION_NAME, size.get(), name, null),
                        "clGetKernelInfo");
                return OpenClDevice.cString(name, size.get());
            }
        }
    }

    private static int numArgs(_cl_kernel kernel) {
        try (IntPointer n = new IntPointer(1)) {
            ClStatus.check(clGetKernelInfo(kernel, CL_KERNEL_NUM_ARGS, Integer.BYTES, n, null), "clGetKernelInfo");
            return n.get();
        }
    }

    /** The bound values as the table the code reads: one 64-bit word per slot, at least one word. */
    private static long[] values(List<Binding> bindings) {
        long[] out = new long[Math.max(1, bindings.size())];
        for (int i = 0; i < bindings.size(); i++) {
            out[i] = bindings.get(i).value();
        }
        return out;
    }

    private static byte[] longBytes(long[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.nativeOrder());
        bytes.asLongBuffer().put(values);
        return bytes.array();
    }

    private static _cl_mem upload(_cl_context context, long[] values) {
        byte[] bytes = longBytes(values);
        try (BytePointer host = new BytePointer(bytes)) {
            return created("clCreateBuffer", err -> clCreateBuffer(context,
                    CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, bytes.length, host, err));
        }
    }

    /** PATCH: runs the artifact's slot-setting kernel once, then drops it. */
    private static void patch(_cl_context context, _cl_command_queue queue, ClHandle<_cl_kernel> setter,
                              List<Binding> bindings) {
        if (setter == null) {
            throw new BackendFailure(SpirvTarget.BACKEND, "PATCH artifact has no " + SlotSetterKernel.NAME
                    + " kernel; it was not compiled by this backend");
        }
        try (ClHandle<_cl_mem> values = new ClHandle<>(upload(context, values(bindings)), OpenCL::clReleaseMemObject)) {
            setMemArg(setter.get(), 0, values.get());
            enqueue(queue, setter.get(), new long[] {1}, null);
        }
    }

    private static void setArg(_cl_kernel kernel, int index, KernelArg arg) {
        if (arg instanceof KernelArg.Buffer b) {
            setMemArg(kernel, index, b.buffer().mem());
        } else {
            byte[] bytes = ((KernelArg.Scalar) arg).bytes();
            try (BytePointer value = new BytePointer(bytes)) {
                ClStatus.check(clSetKernelArg(kernel, index, bytes.length, value), "clSetKernelArg(" + index + ")");
            }
        }
    }

    private static void setMemArg(_cl_kernel kernel, int index, _cl_mem mem) {
        try (PointerPointer<_cl_mem> value = one(mem)) {
            ClStatus.check(clSetKernelArg(kernel, index, Loader.sizeof(Pointer.class), value),
                    "clSetKernelArg(" + index + ")");
        }
    }

    private static void enqueue(_cl_command_queue queue, _cl_kernel kernel, long[] global, long[] local) {
        if (global.length < 1 || global.length > 3 || (local != null && local.length != global.length)) {
            throw new IllegalArgumentException("a launch has 1 to 3 dimensions, with as many local sizes if any");
        }
        try (SizeTPointer g = new SizeTPointer(global);
             SizeTPointer l = local == null ? null : new SizeTPointer(local)) {
            ClStatus.check(clEnqueueNDRangeKernel(queue, kernel, global.length, null, g, l, 0,
                    (PointerPointer<?>) null, (PointerPointer<?>) null), "clEnqueueNDRangeKernel");
        }
        ClStatus.check(clFinish(queue), "clFinish");
    }
}

package dev.gpuc.backend.spirv;

import static org.bytedeco.opencl.global.OpenCL.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.opencl._cl_device_id;
import org.bytedeco.opencl._cl_platform_id;

/**
 * An OpenCL device and what gpuc needs to know about it: which SPIR-V versions it takes
 * ({@code CL_DEVICE_IL_VERSION}) and whether program-scope globals are shared between kernels
 * ({@code CL_DEVICE_MAX_GLOBAL_VARIABLE_SIZE > 0}), which PATCH relies on.
 */
public final class OpenClDevice {
    private static final Pattern SPIRV = Pattern.compile("SPIR-V_(\\d+)\\.(\\d+)");

    private final _cl_device_id id;
    private final String platform;
    private final String name;
    private final String ilVersion;
    private final long maxGlobalVariableSize;

    private OpenClDevice(_cl_device_id id, String platform, String name, String ilVersion, long maxGlobalVariableSize) {
        this.id = id;
        this.platform = platform;
        this.name = name;
        this.ilVersion = ilVersion;
        this.maxGlobalVariableSize = maxGlobalVariableSize;
    }

    _cl_device_id id() {
        return id;
    }

    public String platform() {
        return platform;
    }

    public String name() {
        return name;
    }

    /** The device's {@code CL_DEVICE_IL_VERSION}, such as {@code SPIR-V_1.2}; empty without IL support. */
    public String ilVersion() {
        return ilVersion;
    }

    public long maxGlobalVariableSize() {
        return maxGlobalVariableSize;
    }

    /** The newest SPIR-V version the device accepts, if it accepts SPIR-V at all. */
    public Optional<SpirvTarget.Version> maxSpirvVersion() {
        SpirvTarget.Version best = null;
        Matcher m = SPIRV.matcher(ilVersion);
        while (m.find()) {
            int major = Integer.parseInt(m.group(1));
            int minor = Integer.parseInt(m.group(2));
            if (major == 1 && minor <= 6) {
                SpirvTarget.Version v = new SpirvTarget.Version(major, minor);
                best = best == null || v.compareTo(best) > 0 ? v : best;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether a value written to a program-scope global by one kernel is seen by the next. */
    public boolean sharesProgramGlobals() {
        return maxGlobalVariableSize > 0;
    }

    @Override
    public String toString() {
        return name + " (" + platform + ", IL " + (ilVersion.isEmpty() ? "none" : ilVersion)
                + ", max global variable size " + maxGlobalVariableSize + ")";
    }

    /**
     * Every device of every platform the ICD loader finds; empty when there is no platform.
     *
     * @throws UnsatisfiedLinkError when the OpenCL natives cannot be loaded
     */
    static List<OpenClDevice> all() {
        Loader.load(org.bytedeco.opencl.global.OpenCL.class);
        List<OpenClDevice> out = new ArrayList<>();
        int[] count = new int[1];
        if (clGetPlatformIDs(0, (PointerPointer<?>) null, count) != CL_SUCCESS || count[0] == 0) {
            return out;
        }
        try (PointerPointer<_cl_platform_id> platforms = new PointerPointer<>(count[0])) {
            ClStatus.check(clGetPlatformIDs(count[0], platforms, (int[]) null), "clGetPlatformIDs");
            for (int p = 0; p < count[0]; p++) {
                _cl_platform_id platform = platforms.get(_cl_platform_id.class, p);
                String platformName = platformString(platform, CL_PLATFORM_NAME);
                int[] n = new int[1];
                if (clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, (PointerPointer<?>) null, n) != CL_SUCCESS) {
                    continue;
                }
                try (PointerPointer<_cl_device_id> devices = new PointerPointer<>(n[0])) {
                    ClStatus.check(clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, n[0], devices, (int[]) null),
                            "clGetDeviceIDs");
                    for (int d = 0; d < n[0]; d++) {
                        _cl_device_id device = devices.get(_cl_device_id.class, d);
                        out.add(new OpenClDevice(device, platformName, deviceString(device, CL_DEVICE_NAME),
                                deviceString(device, CL_DEVICE_IL_VERSION),
                                deviceSize(device, CL_DEVICE_MAX_GLOBAL_VARIABLE_SIZE)));
                    }
                }
            }
        }
        return out;
    }

    /** A string query; empty where the device does not know the query (an OpenCL 1.2 device). */
    private static String deviceString(_cl_device_id device, int param) {
        try (SizeTPointer size = new SizeTPointer(1)) {
            if (clGetDeviceInfo(device, param, 0, null, size) != CL_SUCCESS || size.get() == 0) {
                return "";
            }
            try (BytePointer value = new BytePointer(size.get())) {
                ClStatus.check(clGetDeviceInfo(device, param, size.get(), value, null), "clGetDeviceInfo");
                return cString(value, size.get());
            }
        }
    }

    private static long deviceSize(_cl_device_id device, int param) {
        try (SizeTPointer value = new SizeTPointer(1)) {
            return clGetDeviceInfo(device, param, Loader.sizeof(SizeTPointer.class), value, null) == CL_SUCCESS
                    ? value.get() : 0;
        }
    }

    private static String platformString(_cl_platform_id platform, int param) {
        try (SizeTPointer size = new SizeTPointer(1)) {
            if (clGetPlatformInfo(platform, param, 0, null, size) != CL_SUCCESS || size.get() == 0) {
                return "";
            }
            try (BytePointer value = new BytePointer(size.get())) {
                ClStatus.check(clGetPlatformInfo(platform, param, size.get(), value, null), "clGetPlatformInfo");
                return cString(value, size.get());
            }
        }
    }

    /** OpenCL's strings end with a NUL inside the reported size. */
    static String cString(BytePointer value, long size) {
        byte[] bytes = new byte[(int) size];
        value.get(bytes);
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8).strip();
    }
}

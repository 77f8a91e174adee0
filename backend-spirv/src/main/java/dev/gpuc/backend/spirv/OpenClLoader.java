package dev.gpuc.backend.spirv;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.Availability;
import dev.gpuc.api.BackendUnavailable;
import dev.gpuc.api.Binding;
import dev.gpuc.api.Loader;
import dev.gpuc.api.Payload;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.UnsupportedFeature;
import java.util.List;
import java.util.Optional;

/**
 * Loads SPIR-V artifacts through OpenCL's {@code clCreateProgramWithIL} (bytedeco's opencl
 * preset; JOCL 2.0.6 lacks that call). The device is the first one whose
 * {@code CL_DEVICE_IL_VERSION} names SPIR-V. The strategy is checked per device: TABLE and
 * BAKE artifacts load everywhere (BAKE only in a session whose values are the compile-time
 * ones), PATCH artifacts only where program-scope globals are shared between kernels.
 */
public final class OpenClLoader implements Loader {
    private final Optional<OpenClDevice> chosen;

    /** A loader for the first IL-capable device. */
    public OpenClLoader() {
        this.chosen = Optional.empty();
    }

    /** A loader for one device of {@link #devices()}. */
    public OpenClLoader(OpenClDevice device) {
        this.chosen = Optional.of(device);
    }

    /**
     * Every OpenCL device the ICD loader reports, IL-capable or not.
     *
     * @throws BackendUnavailable when the OpenCL natives cannot be loaded
     */
    public static List<OpenClDevice> devices() {
        try {
            return OpenClDevice.all();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            throw new BackendUnavailable(SpirvTarget.BACKEND, true,
                    "the OpenCL ICD loader or bytedeco's OpenCL natives cannot be loaded: " + e);
        }
    }

    @Override
    public Availability availability() {
        try {
            device();
            return Availability.yes();
        } catch (BackendUnavailable e) {
            return Availability.no(e.getMessage());
        }
    }

    /**
     * The device artifacts are loaded on.
     *
     * @throws BackendUnavailable when there is no OpenCL device that takes SPIR-V
     */
    public OpenClDevice device() {
        if (chosen.isPresent()) {
            return chosen.get();
        }
        List<OpenClDevice> all = devices();
        return all.stream().filter(d -> d.maxSpirvVersion().isPresent()).findFirst()
                .orElseThrow(() -> new BackendUnavailable(SpirvTarget.BACKEND, true, all.isEmpty()
                        ? "no OpenCL platform found (OCL_ICD_VENDORS=" + System.getenv("OCL_ICD_VENDORS") + ")"
                        : "no OpenCL device accepts SPIR-V (CL_DEVICE_IL_VERSION); devices: " + all));
    }

    @Override
    public OpenClModule load(Artifact artifact, RuntimeValues values) {
        Payload spirv = artifact.payload("spirv").orElseThrow(() -> new UnsupportedFeature(
                "the OpenCL loader takes SPIR-V artifacts; this one holds " + artifact.payloads()));
        OpenClDevice device = device();
        byte[] il = spirv.bytes();
        SpirvTarget.Version version = moduleVersion(il);
        SpirvTarget.Version max = device.maxSpirvVersion().orElseThrow(() -> new UnsupportedFeature(
                device + " does not accept SPIR-V"));
        if (version.compareTo(max) > 0) {
            throw new UnsupportedFeature("the artifact is SPIR-V " + version + " but " + device.name()
                    + " accepts up to " + max + "; compile for SPIR-V " + max);
        }
        requireStrategy(artifact, device);
        List<Binding> bindings = artifact.relocations().bind(values, artifact.strategy());
        return OpenClModule.load(device, artifact, bindings, il);
    }

    private static void requireStrategy(Artifact artifact, OpenClDevice device) {
        RelocationStrategy s = artifact.strategy();
        if (artifact.relocations().isEmpty() || s == RelocationStrategy.TABLE || s == RelocationStrategy.BAKE) {
            return;
        }
        if (s == RelocationStrategy.PATCH && !device.sharesProgramGlobals()) {
            throw new UnsupportedFeature("a PATCH artifact needs program-scope globals shared between kernels, but "
                    + device.name() + " reports CL_DEVICE_MAX_GLOBAL_VARIABLE_SIZE = "
                    + device.maxGlobalVariableSize() + "; compile with TABLE for this device");
        }
        if (s != RelocationStrategy.PATCH) {
            throw new UnsupportedFeature("the OpenCL loader binds runtime globals by TABLE, PATCH or BAKE, not " + s);
        }
    }

    /** The version word of a SPIR-V module's header. */
    static SpirvTarget.Version moduleVersion(byte[] il) {
        if (il.length < 20 || word(il, 0) != 0x07230203) {
            throw new UnsupportedFeature("the spirv payload is not a SPIR-V module (bad magic number)");
        }
        int v = word(il, 4);
        return new SpirvTarget.Version((v >> 16) & 0xff, (v >> 8) & 0xff);
    }

    private static int word(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}

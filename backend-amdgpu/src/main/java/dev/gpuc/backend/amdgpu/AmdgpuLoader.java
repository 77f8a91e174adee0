package dev.gpuc.backend.amdgpu;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.Availability;
import dev.gpuc.api.BackendUnavailable;
import dev.gpuc.api.Loader;
import dev.gpuc.api.LoadedModule;
import dev.gpuc.api.RuntimeValues;

/**
 * Loads this backend's HSA code objects onto an AMD GPU and binds their runtime-global slots.
 *
 * <p><b>Specified, not implemented.</b> Loading needs bindings to the HSA runtime (ROCr) or HIP,
 * and there are none on the class path, nor an AMD GPU on the machines gpuc is built on. The
 * loader gpuc has today is {@link #unavailable()}, which says so; an implementation is left to
 * a later issue and must make exactly these calls (backend-amdgpu/README.md says the same):
 *
 * <p>Every strategy first resolves the slots: {@code artifact.relocations().bind(values,
 * artifact.strategy())} gives one value per slot, or an {@code UnresolvedRuntimeValue}.
 * <ul>
 * <li>IMPORT: a slot is an undefined weak dynamic symbol whose address is the value. With HSA:
 *     {@code hsa_executable_create_alt}, {@code hsa_code_object_reader_create_from_memory},
 *     then for each slot {@code hsa_executable_agent_global_variable_define(executable, agent,
 *     slot.name(), (void*) value)}, and only then {@code hsa_executable_load_agent_code_object}
 *     and {@code hsa_executable_freeze} (HSA requires the definition before the code object is
 *     loaded; the loader resolves the code object's {@code R_AMDGPU_ABS64} relocations against
 *     it). HIP has no call that defines a symbol, so IMPORT needs the HSA path.
 * <li>PATCH: a slot is a defined, protected {@code STT_OBJECT} of {@code slot.size()} bytes in
 *     {@code .dynsym}. With HIP: {@code hipModuleLoadData}, then {@code hipModuleGetGlobal(&ptr,
 *     &bytes, module, slot.name())} (check {@code bytes == slot.size()}) and
 *     {@code hipMemcpyHtoD(ptr, &value, bytes)}. With HSA: load and freeze, then
 *     {@code hsa_executable_get_symbol_by_name}, {@code hsa_executable_symbol_get_info} for
 *     {@code HSA_EXECUTABLE_SYMBOL_INFO_VARIABLE_ADDRESS} (and {@code _SIZE}), and
 *     {@code hsa_memory_copy} of the little-endian value to that address, before any launch.
 * <li>TABLE: allocate device memory for one 8-byte value per slot in table order, copy the
 *     values, and pass its address as every kernel's last argument.
 * <li>BAKE: nothing to bind; {@code bind} has already refused an artifact whose compile-time
 *     addresses differ from this session's.
 * </ul>
 */
public interface AmdgpuLoader extends Loader {
    /** Why no AMDGPU loader works in this build. */
    String UNAVAILABLE_REASON = "no HSA/HIP bindings on the class path; loading is specified, not implemented";

    /** The loader gpuc has without HSA/HIP bindings: it reports itself unavailable and loads nothing. */
    static AmdgpuLoader unavailable() {
        return new AmdgpuLoader() {
            @Override
            public Availability availability() {
                return Availability.no(UNAVAILABLE_REASON);
            }

            @Override
            public LoadedModule load(Artifact artifact, RuntimeValues values) {
                throw new BackendUnavailable(AmdgpuBackend.ID, true, "cannot load an AMDGPU code object: " + UNAVAILABLE_REASON);
            }
        };
    }
}

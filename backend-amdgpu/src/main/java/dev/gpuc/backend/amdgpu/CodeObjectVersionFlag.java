package dev.gpuc.backend.amdgpu;

import dev.gpuc.ir.Module;
import dev.gpuc.ir.ModuleFlag;

/**
 * The {@code amdhsa_code_object_version} module flag, which decides the code object version
 * LLVM emits (the value is the version times 100, as clang writes it).
 *
 * <p>Inputs disagree: front ends write none, vendor bitcode may carry another version. A flag
 * cannot be rewritten through the C API, but module linking lets a flag with {@code Override}
 * behaviour replace the destination's, so a differing value is overridden by linking in an
 * empty module that carries only the wanted flag.
 */
final class CodeObjectVersionFlag {
    static final String KEY = "amdhsa_code_object_version";

    private CodeObjectVersionFlag() {}

    /** Makes the module ask for {@code version}, whatever it said before. */
    static void set(Module module, int version) {
        int value = version * 100;
        var existing = module.flag(KEY);
        if (existing.isEmpty()) {
            module.addIntFlag(ModuleFlag.Behavior.ERROR, KEY, value); // clang's behaviour for this flag
        } else if (existing.get().intValue().orElse(-1) != value) {
            Module override = module.context().createModule("amdgpu-code-object-version");
            override.setTriple(module.triple());
            override.setDataLayout(module.dataLayout());
            override.addIntFlag(ModuleFlag.Behavior.OVERRIDE, KEY, value);
            module.link(override, false);
        }
    }
}

package dev.gpuc.backend.ptx;

import dev.gpuc.api.InvalidIrForTarget;
import dev.gpuc.ir.GlobalValue;
import dev.gpuc.ir.Module;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Symbol names PTX can hold. PTX identifiers are {@code [A-Za-z_$][A-Za-z0-9_$]*}; LLVM 20's
 * NVPTX back end aborts the process on a visible symbol with {@code #} or {@code +} ("Symbol name
 * with unsupported characters"), and a {@code .} passes LLVM but fails in {@code ptxas}. Front
 * ends name things {@code julia_kernel#1} all the time.
 *
 * <p>{@link #symbol} escapes every other byte, {@code $} itself and a leading digit as {@code $XX}
 * (hex of the UTF-8 byte). It depends on the name alone, so {@link PtxBackend#symbolFor} can
 * answer without the module, and it is injective (only escapes produce {@code $}), so two
 * symbols never meet. Local symbols are left to LLVM, which renames them itself; runtime-global
 * slots already have portable names.
 */
final class PtxNames {
    private PtxNames() {}

    /** The PTX name of a symbol: {@code name} itself when PTX can hold it and it has no {@code $}. */
    static String symbol(String name) {
        StringBuilder out = new StringBuilder(name.length());
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean letter = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_';
            boolean digit = b >= '0' && b <= '9';
            if (letter || (digit && i > 0)) {
                out.append((char) b);
            } else {
                out.append('$').append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
            }
        }
        return out.toString();
    }

    /**
     * Renames every visible definition to its {@link #symbol}. The new names all hold a
     * {@code $} and names left alone hold none, so visible symbols cannot collide; a local symbol
     * already holding a new name loses it (LLVM names it anew). A declaration cannot be renamed,
     * since the driver or a library supplies it by name, so one PTX cannot name is reported.
     */
    static void apply(Module module, String target) {
        List<InvalidIrForTarget.Problem> problems = new ArrayList<>();
        List<GlobalValue> renamed = new ArrayList<>();
        for (GlobalValue g : module.globalValues()) {
            String name = g.name();
            if (g.linkage().isLocal() || name.startsWith("llvm.") || symbol(name).equals(name)) {
                continue;
            }
            if (!g.isDeclaration()) {
                renamed.add(g);
            } else if (!name.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
                problems.add(new InvalidIrForTarget.Problem("symbol-name", name, "",
                        "external symbol @\"" + name + "\" has characters a PTX identifier cannot hold"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidIrForTarget(target, problems);
        }
        List<String> symbols = renamed.stream().map(g -> symbol(g.name())).toList();
        // Unnamed first, so that a symbol about to be renamed never stands in another's way.
        renamed.forEach(g -> g.setName(""));
        for (int i = 0; i < renamed.size(); i++) {
            holder(module, symbols.get(i)).ifPresent(local -> local.setName(""));
            renamed.get(i).setName(symbols.get(i));
        }
    }

    private static Optional<GlobalValue> holder(Module module, String name) {
        Optional<GlobalValue> g = module.global(name).map(GlobalValue.class::cast);
        return g.isPresent() ? g : module.function(name).map(GlobalValue.class::cast);
    }
}

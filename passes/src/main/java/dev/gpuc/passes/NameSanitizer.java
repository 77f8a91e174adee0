package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.api.InvalidIrForTarget;
import dev.gpuc.ir.Module;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Symbol names for targets with restricted identifiers. LLVM 20's NVPTX back end aborts the
 * process on a visible symbol holding {@code #} or {@code +} ("Symbol name with unsupported
 * characters"), and a {@code .} passes LLVM but fails in {@code ptxas}; front ends name things
 * {@code julia_kernel#1} all the time.
 *
 * <p>The output alphabet is PTX's identifier set, {@code [A-Za-z_$][A-Za-z0-9_$]*}. {@link #symbol}
 * keeps letters, digits (not in first place) and {@code _}, and writes every other UTF-8 byte,
 * {@code $} itself and a leading digit as {@code $XX} (lower-case hex). It depends on the name
 * alone, so a backend's {@code symbolFor} can answer without the module, and it is injective
 * (only escapes produce {@code $}), so two names never meet. Runtime-global slot names are
 * already {@code [A-Za-z_][A-Za-z0-9_]*} ({@link SlotNames}) and come out unchanged, so the
 * relocation table still names them.
 */
public final class NameSanitizer {
    /** PTX identifiers; what every name is after {@link #sanitize}. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private NameSanitizer() {}

    /** The sanitised form of a name: {@code name} itself when it is legal and has no {@code $}. */
    public static String symbol(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
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
     * Renames every defined global value (variable, function, alias; local or visible) to its
     * {@link #symbol}. LLVM intrinsics and other {@code llvm.*} names are left alone. A
     * declaration cannot be renamed, since the runtime or a library supplies it by that name: one
     * already in the output alphabet stays, any other is reported. Injectivity has a price: a
     * second run would escape the {@code $} of the first, so a backend runs this once, as its
     * last renaming step.
     *
     * @return old name → new name, in module order (variables, functions, aliases)
     * @throws InvalidIrForTarget (target: the module's triple) naming each declaration the target
     *                            cannot name, or that holds the name a definition needs
     */
    public static Map<String, String> sanitize(Module module) {
        LLVMModuleRef m = module.unwrap();
        List<LLVMValueRef> renamed = new ArrayList<>();
        Map<String, String> renames = new LinkedHashMap<>();
        Set<String> declared = new HashSet<>(); // kept declaration names, which may hold a '$'
        List<InvalidIrForTarget.Problem> problems = new ArrayList<>();
        for (LLVMValueRef v : symbols(m)) {
            String name = Refs.name(v);
            String symbol = symbol(name);
            if (name.isEmpty() || name.startsWith("llvm.") || symbol.equals(name)) {
                continue;
            }
            if (LLVMIsDeclaration(v) == 0) {
                renamed.add(v);
                renames.put(name, symbol);
            } else if (IDENTIFIER.matcher(name).matches()) {
                declared.add(name);
            } else {
                problems.add(new InvalidIrForTarget.Problem("symbol-name", name, "",
                        "external symbol @\"" + name + "\" has characters a " + module.triple() + " symbol cannot hold"));
            }
        }
        renames.forEach((name, symbol) -> {
            if (declared.contains(symbol)) {
                problems.add(new InvalidIrForTarget.Problem("symbol-name", name, "",
                        "@\"" + name + "\" must be renamed to " + symbol + ", the name of an external symbol"));
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidIrForTarget(module.triple(), problems);
        }
        // Unnamed first, so that no new name is taken while being handed out (LLVM would suffix it).
        renamed.forEach(v -> Refs.setName(v, ""));
        List<String> symbols = List.copyOf(renames.values());
        for (int i = 0; i < renamed.size(); i++) {
            Refs.setName(renamed.get(i), symbols.get(i));
        }
        return Collections.unmodifiableMap(renames);
    }

    private static List<LLVMValueRef> symbols(LLVMModuleRef m) {
        List<LLVMValueRef> out = new ArrayList<>(Refs.globals(m));
        out.addAll(Refs.functions(m));
        for (LLVMValueRef a = LLVMGetFirstGlobalAlias(m); !Refs.isNull(a); a = LLVMGetNextGlobalAlias(a)) {
            out.add(a);
        }
        return out;
    }
}

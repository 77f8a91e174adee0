package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.api.InvalidIrForTarget;
import dev.gpuc.api.InvalidIrForTarget.Problem;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.ValidationRules;
import dev.gpuc.ir.Module;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Checks IR against what a target accepts, like GPUCompiler.jl's {@code check_ir}: every problem
 * names its function and instruction. Only problems in code reachable from the entry points are
 * reported, so dead code that GlobalDCE will drop is not held against the module.
 *
 * <p>Problem tags: {@code unknown-function}, {@code literal-pointer-call}, {@code indirect-call},
 * {@code dynamic-alloca}, {@code fp64}, {@code fp16}, {@code i128}. Backends add their own
 * checks through {@link Check}.
 */
public final class Validator {
    /** A backend's own check of one instruction; returns problems (empty when fine). */
    @FunctionalInterface
    public interface Check {
        List<Problem> check(dev.gpuc.ir.Instruction instruction);
    }

    private final ValidationRules rules;
    private final Set<String> extraExternals;
    private final List<Check> checks;
    private final TypeMentions mentions;

    private Validator(ValidationRules rules, Set<String> extraExternals, List<Check> checks, TypeMentions mentions) {
        this.rules = rules;
        this.extraExternals = Set.copyOf(extraExternals);
        this.checks = List.copyOf(checks);
        this.mentions = mentions;
    }

    public Validator(ValidationRules rules, Set<String> extraExternals, List<Check> checks) {
        this(rules, extraExternals, checks, TypeMentions.ANY);
    }

    public Validator(ValidationRules rules, Set<String> extraExternals) {
        this(rules, extraExternals, List.of());
    }

    /**
     * This validator for a module parsed from {@code sources}: type checks that the sources
     * cannot fail (see {@link TypeMentions}) are skipped, so a module whose text never names a
     * refused type costs one look at each instruction's opcode.
     */
    public Validator forSources(Collection<ModuleSource> sources) {
        return new Validator(rules, extraExternals, checks, TypeMentions.of(sources));
    }

    /**
     * Problems in the functions reachable from {@code entryPoints}, in module order. Every
     * definition is checked first and reachability is worked out only when something was found:
     * a module without problems, the usual case, is walked once.
     */
    public List<Problem> problems(Module module, Collection<String> entryPoints) {
        LLVMModuleRef m = module.unwrap();
        Walk walk = new Walk();
        List<LLVMValueRef> functions = Refs.functions(m);
        Map<Long, List<Problem>> byFunction = new HashMap<>();
        for (LLVMValueRef f : functions) {
            List<Problem> found = walk.function(module, f);
            if (!found.isEmpty()) {
                byFunction.put(f.address(), found);
            }
        }
        if (byFunction.isEmpty()) {
            return List.of();
        }
        Set<Long> reachable = Reachability.functionsFrom(m, entryPoints);
        List<Problem> out = new ArrayList<>();
        for (LLVMValueRef f : functions) {
            if (reachable.contains(f.address())) {
                out.addAll(byFunction.getOrDefault(f.address(), List.of()));
            }
        }
        return out;
    }

    /** @throws InvalidIrForTarget listing every problem, when there is any */
    public void check(Module module, Collection<String> entryPoints, String target) {
        List<Problem> problems = problems(module, entryPoints);
        if (!problems.isEmpty()) {
            throw new InvalidIrForTarget(target, problems);
        }
    }

    /**
     * One validation's walk. What a type or callee allows is worked out once per distinct type
     * or callee, and the type of each value once (types and constants are unique in their
     * context, so their addresses identify them).
     */
    private final class Walk {
        private final boolean checkTypes = !rules.fp64() && mentions.doubles() || !rules.fp16() && mentions.halves()
                || !rules.int128() && mentions.wideIntegers();
        /** Per type: the problems a value of that type has, as (reason, detail) pairs. */
        private final Map<Long, List<String[]>> typeProblems = new HashMap<>();
        /** Per value: the problems of its type (the same list as its type's). */
        private final Map<Long, List<String[]>> valueProblems = new HashMap<>();
        /** Per called function: the problem of calling it, or an empty array. */
        private final Map<Long, String[]> calleeProblems = new HashMap<>();

        List<Problem> function(Module module, LLVMValueRef f) {
            String fn = null;
            List<Problem> found = new ArrayList<>();
            Set<Problem> here = new LinkedHashSet<>();
            for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(f); !Refs.isNull(b); b = LLVMGetNextBasicBlock(b)) {
                for (LLVMValueRef inst = LLVMGetFirstInstruction(b); !Refs.isNull(inst); inst = LLVMGetNextInstruction(inst)) {
                    fn = fn == null ? Refs.name(f) : fn;
                    instruction(fn, inst, here);
                    for (Check c : checks) {
                        here.addAll(c.check((dev.gpuc.ir.Instruction) module.wrap(inst)));
                    }
                    found.addAll(here);
                    here.clear();
                }
            }
            return found;
        }

        private void instruction(String fn, LLVMValueRef inst, Set<Problem> out) {
            int opcode = LLVMGetInstructionOpcode(inst);
            if (opcode == LLVMCall || opcode == LLVMInvoke || opcode == LLVMCallBr) {
                checkCall(fn, inst, out);
            }
            if (opcode == LLVMAlloca && !rules.dynamicAlloca() && LLVMIsConstant(LLVMGetOperand(inst, 0)) == 0) {
                out.add(problem("dynamic-alloca", fn, inst, "dynamic stack allocation is not supported by this target"));
            }
            if (!checkTypes) {
                return;
            }
            report(fn, inst, valueProblems(inst), out);
            if (opcode == LLVMAlloca) {
                report(fn, inst, typeProblems(LLVMGetAllocatedType(inst)), out);
            }
            for (int i = 0, n = LLVMGetNumOperands(inst); i < n; i++) {
                LLVMValueRef op = LLVMGetOperand(inst, i);
                if (!Refs.isNull(op)) {
                    int kind = LLVMGetValueKind(op);
                    if (kind != LLVMBasicBlockValueKind && kind != LLVMMetadataAsValueValueKind) {
                        report(fn, inst, valueProblems(op), out);
                    }
                }
            }
        }

        private List<String[]> valueProblems(LLVMValueRef v) {
            List<String[]> known = valueProblems.get(v.address());
            if (known == null) {
                known = typeProblems(LLVMTypeOf(v));
                valueProblems.put(v.address(), known);
            }
            return known;
        }

        private void report(String fn, LLVMValueRef inst, List<String[]> problems, Set<Problem> out) {
            for (String[] p : problems) {
                out.add(problem(p[0], fn, inst, p[1]));
            }
        }

        private List<String[]> typeProblems(LLVMTypeRef type) {
            List<String[]> known = typeProblems.get(type.address());
            if (known == null) {
                Set<List<String>> found = new LinkedHashSet<>();
                collectTypeProblems(type, found);
                known = found.stream().map(p -> p.toArray(String[]::new)).toList();
                typeProblems.put(type.address(), known);
            }
            return known;
        }

        private void collectTypeProblems(LLVMTypeRef type, Set<List<String>> out) {
            switch (LLVMGetTypeKind(type)) {
                case LLVMDoubleTypeKind -> {
                    if (!rules.fp64()) {
                        out.add(List.of("fp64", "double-precision floating point is not supported by this target"));
                    }
                }
                case LLVMHalfTypeKind, LLVMBFloatTypeKind -> {
                    if (!rules.fp16()) {
                        out.add(List.of("fp16", "half-precision floating point is not supported by this target"));
                    }
                }
                case LLVMIntegerTypeKind -> {
                    if (!rules.int128() && LLVMGetIntTypeWidth(type) > 64) {
                        out.add(List.of("i128", "integers wider than 64 bits (i" + LLVMGetIntTypeWidth(type)
                                + ") are not supported by this target"));
                    }
                }
                case LLVMVectorTypeKind, LLVMArrayTypeKind -> collectTypeProblems(LLVMGetElementType(type), out);
                case LLVMStructTypeKind -> {
                    int n = LLVMCountStructElementTypes(type);
                    for (int i = 0; i < n; i++) {
                        collectTypeProblems(LLVMStructGetTypeAtIndex(type, i), out);
                    }
                }
                default -> { }
            }
        }

        private void checkCall(String fn, LLVMValueRef call, Set<Problem> out) {
            LLVMValueRef callee = LLVMGetCalledValue(call);
            int kind = LLVMGetValueKind(callee);
            if (kind == LLVMFunctionValueKind) {
                String[] p = calleeProblems.computeIfAbsent(callee.address(), a -> calleeProblem(callee));
                if (p.length > 0) {
                    out.add(problem(p[0], fn, call, p[1]));
                }
            } else if (AddressConstants.literalAddress(callee).isPresent()) {
                if (!rules.anyExternal()) {
                    out.add(problem("literal-pointer-call", fn, call, "call through a literal pointer 0x"
                            + Long.toHexString(AddressConstants.literalAddress(callee).getAsLong())));
                }
            } else if (kind != LLVMInlineAsmValueKind && kind != LLVMGlobalAliasValueKind && !rules.indirectCalls()) {
                out.add(problem("indirect-call", fn, call, "indirect call is not supported by this target"));
            }
        }

        private String[] calleeProblem(LLVMValueRef callee) {
            if (LLVMIsDeclaration(callee) == 0) {
                return new String[0];
            }
            String name = Refs.name(callee);
            return rules.allowsExternal(name, extraExternals) ? new String[0]
                    : new String[] {"unknown-function", "call to an unknown function @" + name};
        }
    }

    private static Problem problem(String reason, String fn, LLVMValueRef inst, String detail) {
        return new Problem(reason, fn, Refs.print(inst), detail);
    }
}

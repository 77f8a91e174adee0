package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.api.InvalidIrForTarget;
import dev.gpuc.api.InvalidIrForTarget.Problem;
import dev.gpuc.api.ValidationRules;
import dev.gpuc.ir.Module;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Checks IR against what a target accepts, like GPUCompiler.jl's {@code check_ir}: every problem
 * names its function and instruction. Only code reachable from the entry points is checked, so
 * dead code that GlobalDCE will drop is not held against the module.
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

    public Validator(ValidationRules rules, Set<String> extraExternals, List<Check> checks) {
        this.rules = rules;
        this.extraExternals = Set.copyOf(extraExternals);
        this.checks = List.copyOf(checks);
    }

    public Validator(ValidationRules rules, Set<String> extraExternals) {
        this(rules, extraExternals, List.of());
    }

    /** Problems in the functions reachable from {@code entryPoints}, in module order. */
    public List<Problem> problems(Module module, Collection<String> entryPoints) {
        LLVMModuleRef m = module.unwrap();
        Set<Long> reachable = Reachability.functionsFrom(m, entryPoints);
        List<Problem> out = new ArrayList<>();
        for (LLVMValueRef f : Refs.functions(m)) {
            if (!reachable.contains(f.address())) {
                continue;
            }
            String fn = Refs.name(f);
            for (LLVMValueRef inst : Refs.instructions(f)) {
                Set<Problem> found = new LinkedHashSet<>();
                checkInstruction(fn, inst, found);
                for (Check c : checks) {
                    found.addAll(c.check((dev.gpuc.ir.Instruction) module.wrap(inst)));
                }
                out.addAll(found);
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

    private void checkInstruction(String fn, LLVMValueRef inst, Set<Problem> out) {
        int opcode = LLVMGetInstructionOpcode(inst);
        if (opcode == LLVMCall || opcode == LLVMInvoke || opcode == LLVMCallBr) {
            checkCall(fn, inst, out);
        }
        if (opcode == LLVMAlloca && !rules.dynamicAlloca() && !Refs.is(LLVMIsAConstant(LLVMGetOperand(inst, 0)))) {
            out.add(problem("dynamic-alloca", fn, inst, "dynamic stack allocation is not supported by this target"));
        }
        checkType(fn, inst, LLVMTypeOf(inst), out);
        if (opcode == LLVMAlloca) {
            checkType(fn, inst, LLVMGetAllocatedType(inst), out);
        }
        int n = LLVMGetNumOperands(inst);
        for (int i = 0; i < n; i++) {
            LLVMValueRef op = LLVMGetOperand(inst, i);
            if (!Refs.isNull(op) && LLVMGetValueKind(op) != LLVMBasicBlockValueKind
                    && LLVMGetValueKind(op) != LLVMMetadataAsValueValueKind) {
                checkType(fn, inst, LLVMTypeOf(op), out);
            }
        }
    }

    private void checkCall(String fn, LLVMValueRef call, Set<Problem> out) {
        LLVMValueRef callee = LLVMGetCalledValue(call);
        if (Refs.is(LLVMIsAFunction(callee))) {
            String name = Refs.name(callee);
            if (LLVMIsDeclaration(callee) != 0 && !rules.allowsExternal(name, extraExternals)) {
                out.add(problem("unknown-function", fn, call, "call to an unknown function @" + name));
            }
        } else if (AddressConstants.literalAddress(callee).isPresent()) {
            if (!rules.anyExternal()) {
                out.add(problem("literal-pointer-call", fn, call, "call through a literal pointer 0x"
                        + Long.toHexString(AddressConstants.literalAddress(callee).getAsLong())));
            }
        } else if (!Refs.is(LLVMIsAInlineAsm(callee)) && !Refs.is(LLVMIsAGlobalAlias(callee)) && !rules.indirectCalls()) {
            out.add(problem("indirect-call", fn, call, "indirect call is not supported by this target"));
        }
    }

    private void checkType(String fn, LLVMValueRef inst, LLVMTypeRef type, Set<Problem> out) {
        switch (LLVMGetTypeKind(type)) {
            case LLVMDoubleTypeKind -> {
                if (!rules.fp64()) {
                    out.add(problem("fp64", fn, inst, "double-precision floating point is not supported by this target"));
                }
            }
            case LLVMHalfTypeKind, LLVMBFloatTypeKind -> {
                if (!rules.fp16()) {
                    out.add(problem("fp16", fn, inst, "half-precision floating point is not supported by this target"));
                }
            }
            case LLVMIntegerTypeKind -> {
                if (!rules.int128() && LLVMGetIntTypeWidth(type) > 64) {
                    out.add(problem("i128", fn, inst, "integers wider than 64 bits (i" + LLVMGetIntTypeWidth(type)
                            + ") are not supported by this target"));
                }
            }
            case LLVMVectorTypeKind, LLVMArrayTypeKind -> checkType(fn, inst, LLVMGetElementType(type), out);
            case LLVMStructTypeKind -> {
                int n = LLVMCountStructElementTypes(type);
                for (int i = 0; i < n; i++) {
                    checkType(fn, inst, LLVMStructGetTypeAtIndex(type, i), out);
                }
            }
            default -> { }
        }
    }

    private static Problem problem(String reason, String fn, LLVMValueRef inst, String detail) {
        return new Problem(reason, fn, Refs.print(inst), detail);
    }
}

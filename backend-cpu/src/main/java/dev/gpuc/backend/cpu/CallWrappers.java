package dev.gpuc.backend.cpu;

import static org.bytedeco.llvm.global.LLVM.LLVMGetEnumAttributeAtIndex;
import static org.bytedeco.llvm.global.LLVM.LLVMSetInstructionCallConv;

import dev.gpuc.api.UnsupportedFeature;
import dev.gpuc.ir.AttributeKinds;
import dev.gpuc.ir.Builder;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Function;
import dev.gpuc.ir.GlobalVariable;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.Opcode;
import dev.gpuc.ir.Type;
import dev.gpuc.ir.Value;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.llvm.LLVM.LLVMAttributeRef;

/**
 * Gives every entry point one uniform native shape, so Java calls compiled code through a
 * single signature: {@code void @<symbol>__gpuc_call(ptr %args, ptr %ret)} loads argument i from
 * bytes {@code 8i..8i+7} of {@code %args}, calls the entry point and stores its result in the
 * 8 bytes at {@code %ret} (integers widened to 64 bits: sign-extended, {@code i1} zero-extended;
 * a float in the low 4 bytes). Beside it, {@code @<symbol>__gpuc_signature} holds the encoded
 * {@link Signature}, NUL-terminated, for the loader of a later session.
 */
final class CallWrappers {
    static final String CALL_SUFFIX = "__gpuc_call";
    static final String SIGNATURE_SUFFIX = "__gpuc_signature";
    static final int SLOT_BYTES = 8;

    /** Attributes whose meaning a plain call from the wrapper would not reproduce. */
    private static final List<String> UNPASSABLE = List.of("byval", "sret", "inalloca", "preallocated", "byref");

    private CallWrappers() {}

    /** Adds the wrapper and signature of {@code entry}, exported as {@code symbol}. */
    static Signature add(Module module, String entry, String symbol) {
        Function function = module.function(entry).orElseThrow(() ->
                new IllegalStateException("entry point @" + entry + " is not in module " + module.name()));
        Signature signature = signatureOf(function);
        for (String suffix : List.of(CALL_SUFFIX, SIGNATURE_SUFFIX)) {
            if (module.function(symbol + suffix).isPresent() || module.global(symbol + suffix).isPresent()) {
                throw new UnsupportedFeature("entry point @" + entry + ": the module already defines @"
                        + symbol + suffix + ", a name the CPU backend reserves for its call wrapper");
            }
        }
        buildWrapper(module, function, signature, symbol + CALL_SUFFIX);
        Context context = module.context();
        String encoded = signature.encode();
        GlobalVariable text = module.addGlobal(context.arrayType(context.intType(8), encoded.length() + 1L),
                symbol + SIGNATURE_SUFFIX, 0);
        text.setInitializer(module.constString(encoded, true));
        text.setGlobalConstant(true);
        return signature;
    }

    /** @throws UnsupportedFeature naming the entry point and the parameter the loader cannot pass */
    static Signature signatureOf(Function function) {
        Type type = function.functionType();
        if (type.isVarArg()) {
            throw unsupported(function, "is variadic");
        }
        List<Scalar> params = new ArrayList<>();
        List<Type> members = type.members();
        for (int i = 0; i < members.size(); i++) {
            for (String attribute : UNPASSABLE) {
                LLVMAttributeRef a = LLVMGetEnumAttributeAtIndex(function.unwrap(), i + 1, AttributeKinds.of(attribute));
                if (a != null && !a.isNull()) {
                    throw unsupported(function, "parameter " + i + " is " + attribute);
                }
            }
            Scalar s = scalarOf(members.get(i));
            if (s == null || s == Scalar.VOID) {
                throw unsupported(function, "parameter " + i + " has type " + members.get(i));
            }
            params.add(s);
        }
        Scalar result = scalarOf(type.returnType());
        if (result == null) {
            throw unsupported(function, "returns " + type.returnType());
        }
        return new Signature(params, result);
    }

    private static Scalar scalarOf(Type type) {
        return switch (type.kind()) {
            case INTEGER -> type.intWidth() <= 64 ? Scalar.integer(type.intWidth()) : null;
            case FLOAT -> Scalar.FLOAT;
            case DOUBLE -> Scalar.DOUBLE;
            case POINTER -> type.pointerAddressSpace() == 0 ? Scalar.POINTER : null;
            case VOID -> Scalar.VOID;
            default -> null;
        };
    }

    private static UnsupportedFeature unsupported(Function function, String what) {
        return new UnsupportedFeature("entry point @" + function.name() + " " + what
                + "; the CPU backend calls entry points with integers of up to 64 bits, float, double"
                + " and address-space-0 pointers only");
    }

    private static void buildWrapper(Module module, Function function, Signature signature, String name) {
        Context context = module.context();
        Type ptr = context.pointerType(0);
        Type i64 = context.intType(64);
        Type fnType = function.functionType();
        Function wrapper = module.addFunction(name, context.functionType(context.voidType(), List.of(ptr, ptr), false));
        Value args = wrapper.parameters().get(0);
        Value ret = wrapper.parameters().get(1);
        List<Type> paramTypes = fnType.members();
        try (Builder b = new Builder(module)) {
            b.positionAtEnd(wrapper.appendBasicBlock("entry"));
            List<Value> argv = new ArrayList<>();
            for (int i = 0; i < paramTypes.size(); i++) {
                Value slot = b.bytePointer(args, (long) SLOT_BYTES * i, "slot" + i);
                Scalar s = signature.parameters().get(i);
                argv.add(s.kind() == Scalar.Kind.INT && s.bits() < 64
                        ? b.cast(Opcode.TRUNC, b.load(i64, slot, "wide" + i), paramTypes.get(i), "arg" + i)
                        : b.load(paramTypes.get(i), slot, "arg" + i));
            }
            boolean isVoid = signature.result() == Scalar.VOID;
            Value result = b.call(fnType, function, argv, isVoid ? "" : "result");
            LLVMSetInstructionCallConv(result.unwrap(), function.callingConvention());
            Scalar r = signature.result();
            if (r.kind() == Scalar.Kind.INT && r.bits() < 64) {
                b.store(b.cast(r.bits() == 1 ? Opcode.ZEXT : Opcode.SEXT, result, i64, "widened"), ret);
            } else if (!isVoid) {
                b.store(result, ret);
            }
            b.retVoid();
        }
    }
}

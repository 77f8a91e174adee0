package dev.gpuc.bench;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.ir.Llvm;
import dev.gpuc.ir.LlvmTools;
import dev.gpuc.ir.TargetMachineSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.llvm.LLVM.LLVMContextRef;
import org.bytedeco.llvm.LLVM.LLVMErrorRef;
import org.bytedeco.llvm.LLVM.LLVMMemoryBufferRef;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMPassBuilderOptionsRef;
import org.bytedeco.llvm.LLVM.LLVMTargetMachineRef;
import org.bytedeco.llvm.LLVM.LLVMTargetRef;

/**
 * The baseline of the toolkit-overhead benchmark: the same compilation written as a user of the
 * bare LLVM C API would write it, and nothing more. Parse, create the target machine from the
 * same settings, run the same new-pass-manager pipeline strings through {@code LLVMRunPasses},
 * and emit with {@code LLVMTargetMachineEmitToMemoryBuffer}; where a gpuc backend's output is
 * made by an LLVM tool (AMDGPU's {@code ld.lld}, SPIR-V's {@code llc}), the same tool with the
 * same arguments.
 */
public final class BareLlvm {
    private BareLlvm() {}

    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);

    /** How the backend's machine code is made. */
    public enum Codegen {
        /** Assembly text from the target machine (PTX). */
        ASSEMBLY,
        /** An object file from the target machine (host code). */
        OBJECT,
        /** An object file, linked into a shared object by {@code ld.lld -shared --no-undefined} (HSA code objects). */
        OBJECT_LINKED,
        /** Bitcode handed to {@code llc -filetype=obj} (LLVM 20's SPIR-V back end). */
        LLC
    }

    /** Loads LLVM and registers its targets: once per JVM, outside any measurement. */
    public static void initialize() {
        Llvm.initialize();
    }

    /**
     * Compiles textual IR or bitcode and returns the machine code.
     *
     * @param pipelines new-PM pipeline strings, run one {@code LLVMRunPasses} call each, in order
     */
    public static byte[] compile(byte[] ir, TargetMachineSpec spec, List<String> pipelines, Codegen codegen) {
        LLVMContextRef context = LLVMContextCreate();
        LLVMTargetMachineRef machine = null;
        LLVMModuleRef module = new LLVMModuleRef();
        try {
            BytePointer text = new BytePointer(ir);
            // The parser takes ownership of the buffer.
            LLVMMemoryBufferRef buffer = LLVMCreateMemoryBufferWithMemoryRangeCopy(text, ir.length, new BytePointer("bare"));
            text.close();
            BytePointer error = new BytePointer((BytePointer) null);
            if (LLVMParseIRInContext(context, buffer, module, error) != 0) {
                throw new IllegalStateException("parse: " + message(error));
            }
            machine = targetMachine(spec);
            LLVMPassBuilderOptionsRef options = LLVMCreatePassBuilderOptions();
            try {
                for (String pipeline : pipelines) {
                    check(LLVMRunPasses(module, pipeline, machine, options), pipeline);
                }
            } finally {
                LLVMDisposePassBuilderOptions(options);
            }
            return switch (codegen) {
                case ASSEMBLY -> emit(machine, module, LLVMAssemblyFile);
                case OBJECT -> emit(machine, module, LLVMObjectFile);
                case OBJECT_LINKED -> link(emit(machine, module, LLVMObjectFile));
                case LLC -> llc(module, spec);
            };
        } finally {
            if (machine != null) {
                LLVMDisposeTargetMachine(machine);
            }
            if (!module.isNull()) {
                LLVMDisposeModule(module);
            }
            LLVMContextDispose(context);
        }
    }

    private static LLVMTargetMachineRef targetMachine(TargetMachineSpec spec) {
        LLVMTargetRef target = new LLVMTargetRef();
        BytePointer error = new BytePointer((BytePointer) null);
        if (LLVMGetTargetFromTriple(new BytePointer(spec.triple()), target, error) != 0) {
            throw new IllegalStateException("target " + spec.triple() + ": " + message(error));
        }
        // The enums' declaration order is LLVM's (LLVMRelocMode, LLVMCodeModel).
        return LLVMCreateTargetMachine(target, spec.triple(), spec.cpu(), spec.features(), spec.optLevel(),
                spec.relocModel().ordinal(), spec.codeModel().ordinal());
    }

    private static byte[] emit(LLVMTargetMachineRef machine, LLVMModuleRef module, int fileType) {
        LLVMMemoryBufferRef out = new LLVMMemoryBufferRef();
        BytePointer error = new BytePointer((BytePointer) null);
        if (LLVMTargetMachineEmitToMemoryBuffer(machine, module, fileType, error, out) != 0) {
            throw new IllegalStateException("emit: " + message(error));
        }
        try {
            byte[] bytes = new byte[(int) LLVMGetBufferSize(out)];
            LLVMGetBufferStart(out).get(bytes);
            return bytes;
        } finally {
            LLVMDisposeMemoryBuffer(out);
        }
    }

    private static byte[] link(byte[] object) {
        return inTempDirectory(dir -> {
            Path input = Files.write(dir.resolve("kernel.o"), object);
            Path output = dir.resolve("kernel.hsaco");
            run("ld.lld", List.of("-shared", "--no-undefined", "-o", output.toString(), input.toString()));
            return Files.readAllBytes(output);
        });
    }

    private static byte[] llc(LLVMModuleRef module, TargetMachineSpec spec) {
        return inTempDirectory(dir -> {
            Path input = dir.resolve("module.bc");
            Path output = dir.resolve("module.spv");
            if (LLVMWriteBitcodeToFile(module, input.toString()) != 0) {
                throw new IOException("cannot write " + input);
            }
            // The default SPIR-V target: no extensions, so no --spirv-ext.
            run("llc", List.of("-mtriple=" + spec.triple(), "-O" + spec.optLevel(), "-filetype=obj", input.toString(),
                    "-o", output.toString()));
            return Files.readAllBytes(output);
        });
    }

    private static void run(String tool, List<String> args) {
        LlvmTools.Result r = LlvmTools.run(tool, args, TOOL_TIMEOUT);
        if (!r.succeeded()) {
            throw new IllegalStateException(tool + " failed (" + r.exitCode() + "): " + r.stderr());
        }
    }

    private interface InDirectory {
        byte[] apply(Path dir) throws IOException;
    }

    private static byte[] inTempDirectory(InDirectory body) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("gpuc-bench-bare-");
            return body.apply(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TemporaryDirectory.delete(dir);
        }
    }

    private static void check(LLVMErrorRef error, String pipeline) {
        if (error != null && !error.isNull()) {
            BytePointer m = LLVMGetErrorMessage(error);
            String text = m.getString();
            LLVMDisposeErrorMessage(m);
            throw new IllegalStateException("pipeline " + pipeline + ": " + text);
        }
    }

    private static String message(BytePointer error) {
        if (error.isNull()) {
            return "(no message)";
        }
        String text = error.getString();
        LLVMDisposeMessage(error);
        return text;
    }
}

package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.llvm.LLVM.LLVMDiagnosticHandler;
import org.bytedeco.llvm.LLVM.LLVMDiagnosticInfoRef;

/**
 * One native diagnostic callback for the whole process, routing to the context that raised it.
 *
 * <p>LLVM's default handler exits the process on an error diagnostic; every gpuc context
 * installs this one instead. A single callback (never freed) avoids allocating a native thunk
 * per context; the context is identified by a small integer passed as the handler's opaque
 * pointer.
 */
final class DiagnosticRouter {
    private DiagnosticRouter() {}

    private static final ConcurrentHashMap<Long, Context> CONTEXTS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_ID = new AtomicLong(1);

    private static final class Handler extends LLVMDiagnosticHandler {
        @Override
        public void call(LLVMDiagnosticInfoRef info, Pointer opaque) {
            Context context = CONTEXTS.get(opaque.address());
            int level = LLVMGetDiagInfoSeverity(info);
            // Remarks are what LLVM's own handler drops unless asked for them; code generation
            // sends one per function (its stack size), each a call back into Java.
            if (context == null || level == LLVMDSRemark) {
                return;
            }
            String message = Native.takeMessage(LLVMGetDiagInfoDescription(info));
            Diagnostic.Severity severity = switch (level) {
                case LLVMDSError -> Diagnostic.Severity.ERROR;
                case LLVMDSWarning -> Diagnostic.Severity.WARNING;
                default -> Diagnostic.Severity.NOTE;
            };
            context.report(new Diagnostic(severity, message));
        }
    }

    private static final Handler HANDLER = new Handler();

    static long register(Context context) {
        long id = NEXT_ID.getAndIncrement();
        CONTEXTS.put(id, context);
        LLVMContextSetDiagnosticHandler(context.ref(), HANDLER, new Pointer() {
            {
                address = id;
            }
        });
        return id;
    }

    static void unregister(long id) {
        CONTEXTS.remove(id);
    }
}

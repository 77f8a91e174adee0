/**
 * gpuc's pass framework and the passes every target shares.
 *
 * <p>The pipeline a compilation runs is {@link dev.gpuc.passes.CodegenPipeline}; it reads top to
 * bottom as: parse, link libraries ({@link dev.gpuc.passes.LibraryLinker}), extract runtime
 * globals ({@link dev.gpuc.passes.RuntimeGlobalExtraction}), choose the relocation strategy,
 * select entry points ({@link dev.gpuc.passes.EntryPoints}), validate
 * ({@link dev.gpuc.passes.Validator}); then mark kernels ({@link dev.gpuc.passes.KernelMarking}),
 * shape slots for the strategy ({@link dev.gpuc.passes.RelocationLowering}), let the backend
 * prepare, optimise ({@link dev.gpuc.passes.StandardPipelines}), and let the backend emit.
 * A driver sees a compilation between its start and its finish as a
 * {@link dev.gpuc.passes.StartedCompilation}, the same whether it runs in this process or in a
 * worker process (gpuc-isolation).
 * Backends use {@link dev.gpuc.passes.NameSanitizer} and {@link dev.gpuc.passes.TrapLowering}
 * where their targets need them.
 *
 * <p>Passes are {@link dev.gpuc.passes.Pass}es; a {@link dev.gpuc.passes.Pipeline} is an ordered,
 * printable list of them that mixes Java passes and LLVM new-pass-manager pipeline strings, run
 * under {@link dev.gpuc.passes.PassInstrumentation} (timings, verify-after-each,
 * print-after-each; all off by default).
 */
package dev.gpuc.passes;

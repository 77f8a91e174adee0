package dev.gpuc.compiler;

import dev.gpuc.api.CompileJob;

/** The result of one job of {@link Compiler#compileAll}: its outcome, or why it failed. */
public sealed interface JobResult {
    CompileJob job();

    record Success(CompileJob job, CompileOutcome outcome) implements JobResult {}

    /** @param error a {@link dev.gpuc.api.GpucException} for bad input; anything else is a bug */
    record Failure(CompileJob job, RuntimeException error) implements JobResult {}
}

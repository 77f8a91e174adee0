package dev.gpuc.api;

/**
 * An entry point of an artifact.
 *
 * @param name   the name in the input module
 * @param symbol the symbol in the output (differs when the backend had to sanitise the name)
 * @param kernel whether it is a kernel launched by a runtime
 */
public record EntryPoint(String name, String symbol, boolean kernel) {}

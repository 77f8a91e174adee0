package dev.gpuc.backend.cpu;

/** Tiny modules for loader tests that only need something to call. */
final class TinyIr {
    static final String IDENTITY = """
            define i64 @id(i64 %x) {
              ret i64 %x
            }
            """;

    private TinyIr() {}
}

package dev.gpuc.passes;

import dev.gpuc.api.RelocationTable;
import java.util.List;

/**
 * What runtime-global extraction found.
 *
 * @param table     one slot per distinct key, in the order the slots appear in the module
 * @param remaining addresses left in the module; non-empty means the module is not portable
 * @param changed   whether the module was modified
 */
public record ExtractionResult(RelocationTable table, List<RemainingAddress> remaining, boolean changed) {
    public ExtractionResult {
        remaining = List.copyOf(remaining);
    }

    /** True when no session-dependent address is left: the module may be cached across sessions. */
    public boolean portable() {
        return remaining.isEmpty();
    }
}

package dev.gpuc.compiler;

import java.util.List;

/**
 * What {@link CacheStore#verify()} found.
 *
 * @param removed one line per damaged entry that was removed: the entry and what was wrong
 */
public record VerifyReport(String tier, long checked, long valid, List<String> removed) {
    public VerifyReport {
        removed = List.copyOf(removed);
    }
}

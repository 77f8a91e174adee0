package dev.gpuc.api;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The front end's knowledge of the host objects its IR refers to by address: address ↔ stable
 * key (such as {@code Symbol:x}). Keys are the same in every session; addresses are not.
 */
public interface RuntimeValues {
    /** The key of the runtime object at {@code address}, if the front end knows it. */
    Optional<String> keyOf(long address);

    /** The address of {@code key} in this session, if it exists here. */
    OptionalLong addressOf(String key);

    static RuntimeValues empty() {
        return RuntimeValueMap.EMPTY;
    }

    /** A fixed table of key → address. */
    static RuntimeValues of(Map<String, Long> keyToAddress) {
        return new RuntimeValueMap(keyToAddress);
    }
}

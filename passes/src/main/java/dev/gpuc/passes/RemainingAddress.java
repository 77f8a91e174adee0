package dev.gpuc.passes;

/**
 * A host address still baked into a module after extraction: the module is then valid only in
 * the session that produced it.
 *
 * @param address  the literal address
 * @param key      the runtime value's key when the front end knows the address but extraction
 *                 could not take it out (see {@code reason}); empty when nobody knows it
 * @param function the function holding it, or empty for a global initializer
 * @param location the instruction as printed, or {@code initializer of @g}
 * @param reason   why it remains
 */
public record RemainingAddress(long address, String key, String function, String location, String reason) {
    @Override
    public String toString() {
        return "0x" + Long.toHexString(address) + (key.isEmpty() ? "" : " (" + key + ")")
                + (function.isEmpty() ? "" : " in function @" + function) + ": " + reason + " [" + location + "]";
    }
}

package dev.gpuc.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The slots of an artifact, in table order (under {@link RelocationStrategy#TABLE} the index is
 * the position in the hidden argument table).
 */
public record RelocationTable(List<Slot> slots) {
    public static final RelocationTable EMPTY = new RelocationTable(List.of());

    public RelocationTable {
        slots = List.copyOf(slots);
    }

    public boolean isEmpty() {
        return slots.isEmpty();
    }

    public Optional<Slot> byKey(String key) {
        return slots.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    public Optional<Slot> byName(String name) {
        return slots.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Resolves every slot against the loading session's values. Under BAKE the artifact holds
     * the compile-time addresses, so each must still be what the session says; otherwise the
     * artifact would run with stale addresses and is refused.
     *
     * @throws UnresolvedRuntimeValue for a key the session does not have, or a BAKE artifact
     *                                bound to other addresses
     */
    public List<Binding> bind(RuntimeValues values, RelocationStrategy strategy) {
        List<Binding> out = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            OptionalLong address = values.addressOf(slot.key());
            if (address.isEmpty()) {
                throw new UnresolvedRuntimeValue(slot.key(), "runtime value '" + slot.key()
                        + "' (slot " + slot.name() + ") is not known in this session");
            }
            if (strategy == RelocationStrategy.BAKE && address.getAsLong() != slot.compileTimeValue()) {
                throw new UnresolvedRuntimeValue(slot.key(), "artifact was compiled under BAKE with '"
                        + slot.key() + "' at 0x" + Long.toHexString(slot.compileTimeValue())
                        + " but this session has it at 0x" + Long.toHexString(address.getAsLong())
                        + "; recompile, or compile with PATCH/IMPORT/TABLE to get a portable artifact");
            }
            out.add(new Binding(slot, address.getAsLong()));
        }
        return out;
    }
}

package dev.gpuc.passes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Portable slot names derived from runtime-value keys. The name depends on the key alone (a
 * readable part plus a hash of the whole key), so the same key gives the same name in every
 * session and in every module; it is legal on every backend ({@code [A-Za-z_][A-Za-z0-9_]*}:
 * NVPTX aborts on {@code #} and {@code +}, ptxas rejects {@code .}).
 */
public final class SlotNames {
    private SlotNames() {}

    public static final String PREFIX = "gpuc_rt_";
    private static final Pattern PORTABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NOT_PORTABLE = Pattern.compile("[^A-Za-z0-9_]+");
    private static final int READABLE_MAX = 40;

    public static boolean isPortable(String name) {
        return PORTABLE.matcher(name).matches();
    }

    /** {@code gpuc_rt_<key with other characters as _>_<8 hex digits of SHA-256(key)>}. */
    public static String forKey(String key) {
        String readable = NOT_PORTABLE.matcher(key).replaceAll("_");
        if (readable.length() > READABLE_MAX) {
            readable = readable.substring(0, READABLE_MAX);
        }
        return PREFIX + readable + "_" + HexFormat.of().formatHex(sha256(key), 0, 4);
    }

    /**
     * {@link #forKey} unless {@code taken} says the module already uses that name for something
     * else; then {@code _2}, {@code _3}, … in order, which is deterministic for a given module.
     */
    public static String forKey(String key, Predicate<String> taken) {
        String base = forKey(key);
        String name = base;
        for (int n = 2; taken.test(name); n++) {
            name = base + "_" + n;
        }
        return name;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}

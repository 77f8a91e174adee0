package dev.gpuc.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts about this gpuc build. */
public final class Gpuc {
    private Gpuc() {}

    private static final String VERSION = readVersion();

    private static String readVersion() {
        try (InputStream in = Gpuc.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** gpuc's version, such as {@code 0.1.0-SNAPSHOT}; part of every cache key. */
    public static String version() {
        return VERSION;
    }
}

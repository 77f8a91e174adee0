package dev.gpuc.backend.ptx;

import dev.gpuc.api.UnsupportedFeature;

/** Three positive extents (x, y, z): a block or grid shape, or a launch bound. */
public record Dim3(int x, int y, int z) {
    public Dim3 {
        if (x < 1 || y < 1 || z < 1) {
            throw new IllegalArgumentException("extents must be positive: " + x + "," + y + "," + z);
        }
    }

    public static Dim3 of(int x) {
        return new Dim3(x, 1, 1);
    }

    public long volume() {
        return (long) x * y * z;
    }

    /** Parses {@code x}, {@code x,y} or {@code x,y,z}; missing extents are 1. */
    static Dim3 parse(String key, String text) {
        String[] parts = text.split(",", -1);
        if (parts.length > 3) {
            throw new UnsupportedFeature(key + " takes up to three extents x,y,z, got '" + text + "'");
        }
        int[] d = {1, 1, 1};
        for (int i = 0; i < parts.length; i++) {
            d[i] = positive(key, parts[i]);
        }
        return new Dim3(d[0], d[1], d[2]);
    }

    static int positive(String key, String text) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the key
        }
        throw new UnsupportedFeature(key + " must be a positive integer, got '" + text + "'");
    }

    @Override
    public String toString() {
        return x + "," + y + "," + z;
    }
}

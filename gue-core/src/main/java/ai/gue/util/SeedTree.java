package ai.gue.util;

import java.nio.charset.StandardCharsets;

/**
 * Seeds as a tree: one root seed, and a named child seed per component ("data-order",
 * "classifier-init", "victim/2", ...). A child depends only on its parent's seed and its name, so
 * adding a component never shifts the random streams of the others.
 */
public record SeedTree(long seed) {

    /** The seed of the child named {@code name}. */
    public SeedTree child(String name) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xFF));
        }
        return new SeedTree(mix(h));
    }

    /** SplitMix64's finaliser: a bijective, well-mixing step. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

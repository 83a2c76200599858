package ai.gue.compare;

import java.util.regex.Pattern;

/**
 * The names of a grid's attacks, victims and defenses are also folder names of its cells, so they
 * are restricted to characters that are safe in paths on every file system.
 */
final class GridNames {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

    private GridNames() {}

    /** Throws unless {@code name} is a safe folder name. */
    static void check(String what, String name) {
        if (name == null || !SAFE.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name '" + name + "' must be 1 to 64 letters, digits, '.', "
                    + "'_', '+' or '-', starting with a letter or digit (it names a folder)");
        }
    }
}

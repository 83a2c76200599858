package ai.gue.util;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Parsing of the enums that have a command-line and preset name ({@code "max-wrong-ce"}) besides
 * their Java name ({@code MAX_WRONG_CE}): both are accepted, case-insensitively, and an unknown name
 * is an error that lists the valid ones.
 */
public final class CliNames {

    private CliNames() {}

    /**
     * The constant of {@code type} whose command-line name or Java name is {@code name}.
     *
     * @param what what the constants are, for the error ("generator optimizer")
     * @throws IllegalArgumentException naming {@code name} and the valid names
     */
    public static <E extends Enum<E>> E parse(Class<E> type, Function<E, String> cliName, String name, String what) {
        E[] constants = type.getEnumConstants();
        if (name != null) {
            String trimmed = name.trim();
            for (E constant : constants) {
                if (cliName.apply(constant).equalsIgnoreCase(trimmed) || constant.name().equalsIgnoreCase(trimmed)) {
                    return constant;
                }
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "'; expected one of "
                + Arrays.stream(constants).map(cliName).collect(Collectors.joining(", ")));
    }
}

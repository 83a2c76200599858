package ai.gue.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every option or parameter whose value is one of an enum's command-line names lists all of those
 * names in its help text, so adding a value to an enum (an architecture, a defense, an attack) cannot
 * leave a help text behind.
 */
class HelpChoicesTest {

    @Test
    void everyChoiceOptionListsEveryChoice() {
        List<String> missing = new ArrayList<>();
        int checked = visit(new CommandLine(new GueCommand()).getCommandSpec(), missing);
        assertTrue(checked >= 10, "the walk found the choice options: " + checked);
        assertTrue(missing.isEmpty(), "help texts missing choices: " + missing);
    }

    private static int visit(CommandSpec command, List<String> missing) {
        int checked = 0;
        List<ArgSpec> args = new ArrayList<>(command.options());
        args.addAll(command.positionalParameters());
        for (ArgSpec arg : args) {
            Class<?> type = arg.auxiliaryTypes()[0];
            List<String> names = cliNames(type);
            if (names.isEmpty()) {
                continue;
            }
            checked++;
            String help = String.join(" ", arg.description());
            for (String name : names) {
                if (!help.matches("(?s).*(^|[^a-z0-9-])" + Pattern.quote(name) + "([^a-z0-9-]|$).*")) {
                    missing.add(command.qualifiedName() + " " + label(arg) + ": " + name);
                }
            }
        }
        for (CommandLine sub : command.subcommands().values()) {
            checked += visit(sub.getCommandSpec(), missing);
        }
        return checked;
    }

    private static String label(ArgSpec arg) {
        return arg instanceof CommandLine.Model.OptionSpec option ? option.longestName() : arg.paramLabel();
    }

    /** The command-line names of an enum with a {@code cliName()} method, else none. */
    private static List<String> cliNames(Class<?> type) {
        List<String> names = new ArrayList<>();
        if (!type.isEnum()) {
            return names;
        }
        try {
            Method cliName = type.getMethod("cliName");
            for (Object constant : type.getEnumConstants()) {
                names.add((String) cliName.invoke(constant));
            }
        } catch (NoSuchMethodException e) {
            return names;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }
}

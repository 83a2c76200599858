package ai.gue.pipeline;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A generator folder given to an efficacy curve, with the plot line it belongs to.
 *
 * @param series the line's name (e.g. the game's name), or null for the default: one line per
 *               generator training-set size
 * @param folder the generator folder
 */
public record CurveInput(String series, Path folder) {

    public CurveInput {
        Objects.requireNonNull(folder, "folder");
        if (series != null && series.isBlank()) {
            throw new IllegalArgumentException("a curve series name must not be blank: " + folder);
        }
    }

    /** The default series name of a generator trained on {@code gameImages} images. */
    public static String defaultSeries(int gameImages) {
        return String.format(Locale.ROOT, "generator trained on %,d images", gameImages);
    }

    /** The series this generator is drawn in, given how many images its game played on. */
    public String seriesFor(int gameImages) {
        return series != null ? series : defaultSeries(gameImages);
    }

    /**
     * Parses {@code [SERIES=]FOLDER}. The text before the first '=' names the series unless it
     * contains a path separator or the whole argument is an existing path, so folders whose names
     * hold '=' still work.
     */
    public static CurveInput parse(String argument) {
        int equals = argument.indexOf('=');
        if (equals < 0 || Files.exists(Path.of(argument))) {
            return new CurveInput(null, Path.of(argument));
        }
        String name = argument.substring(0, equals);
        if (name.contains("/") || name.contains(File.separator)) {
            return new CurveInput(null, Path.of(argument));
        }
        return new CurveInput(name, Path.of(argument.substring(equals + 1)));
    }
}

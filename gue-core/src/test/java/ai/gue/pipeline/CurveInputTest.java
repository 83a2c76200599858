package ai.gue.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurveInputTest {

    @Test
    void curveArgumentsNameTheirSeriesOnlyWithAPlainPrefix(@TempDir Path dir) throws Exception {
        assertEquals(new CurveInput("exp15", Path.of("runs/exp15/generators/epoch-014")),
                CurveInput.parse("exp15=runs/exp15/generators/epoch-014"));
        assertEquals(new CurveInput(null, Path.of("runs/g")), CurveInput.parse("runs/g"));
        assertEquals(new CurveInput(null, Path.of("runs/a=b/g")), CurveInput.parse("runs/a=b/g"),
                "an '=' after a path separator is part of the path");
        Path odd = Files.createDirectories(dir.resolve("lr=0.1"));
        assertEquals(new CurveInput(null, odd), CurveInput.parse(odd.toString()), "an existing path wins");
        assertThrows(IllegalArgumentException.class, () -> CurveInput.parse("=runs/g"));
    }

    @Test
    void aGeneratorWithoutASeriesJoinsTheLineOfItsTrainingSetSize() {
        assertEquals("generator trained on 45,000 images", new CurveInput(null, Path.of("g")).seriesFor(45_000));
        assertEquals("exp15", new CurveInput("exp15", Path.of("g")).seriesFor(45_000));
    }
}

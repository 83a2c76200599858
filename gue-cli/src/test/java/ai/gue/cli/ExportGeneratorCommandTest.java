package ai.gue.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.gue.attack.Budget;
import ai.gue.attack.GeneratorCheckpoint;
import ai.gue.attack.GeneratorPoison;
import ai.gue.data.ImageShape;
import ai.gue.export.SafetensorsReader;
import ai.gue.export.UNetStateDict;
import ai.gue.model.Initialization;
import ai.gue.model.UNetGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gue export-generator} as a user runs it. */
class ExportGeneratorCommandTest {

    @TempDir
    Path dir;

    private Path generatorFolder() throws Exception {
        Path folder = dir.resolve("best");
        try (NDManager manager = NDManager.newBaseManager()) {
            UNetGenerator generator = Initialization.initialize(UNetGenerator.build(3, 4), manager,
                    new Shape(1, 3, 16, 16));
            GeneratorCheckpoint.save(new GeneratorPoison(generator, Budget.linf(8)), 4, new ImageShape(3, 16, 16),
                    folder);
        }
        return folder;
    }

    @Test
    void exportsTheAuthorsKeysAndRefusesToOverwriteWithoutForce() throws Exception {
        Path folder = generatorFolder();
        Path out = dir.resolve("g.safetensors");
        CliRunner run = CliRunner.run("export-generator", "--generator", folder.toString(), "--out", out.toString(),
                "--reference-images", "3");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("90 tensors"), run.out());
        var contents = SafetensorsReader.read(out);
        assertEquals(UNetStateDict.layout(3, 4).stream().map(UNetStateDict.Tensor::torchKey).toList(),
                contents.tensors().keySet().stream().toList());

        Path reference = dir.resolve("g.reference.safetensors");
        var ref = SafetensorsReader.read(reference).tensors();
        assertArrayEquals(new long[] {3, 3, 16, 16}, ref.get("output").shape());
        float[] x = ref.get("input").floats();
        float[] g = ref.get("output").floats();
        float[] p = ref.get("poisoned").floats();
        float eps = (float) (8 / 255.0);
        for (int i = 0; i < x.length; i++) {
            assertTrue(Math.abs(g[i]) < 1, "tanh output");
            assertEquals(Math.min(1f, Math.max(0f, x[i] + eps * g[i])), p[i], 1e-6f, "poisoned = clamp(x + eps G(x))");
        }

        byte[] before = Files.readAllBytes(out);
        CliRunner again = CliRunner.run("export-generator", "--generator", folder.toString(), "--out", out.toString());
        assertEquals(ErrorReporter.BAD_INPUT, again.exitCode(), again.toString());
        assertTrue(again.err().contains("--force"), again.err());
        assertArrayEquals(before, Files.readAllBytes(out), "untouched");
        CliRunner forced = CliRunner.run("export-generator", "--generator", folder.toString(), "--out", out.toString(),
                "--force");
        assertEquals(0, forced.exitCode(), forced.toString());
    }

    @Test
    void aFolderWithoutAGeneratorIsNamed() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        CliRunner run = CliRunner.run("export-generator", "--generator", empty.toString(), "--out",
                dir.resolve("x.safetensors").toString());
        assertEquals(ErrorReporter.BAD_INPUT, run.exitCode(), run.toString());
        assertTrue(run.err().contains("empty") && run.err().contains("poison.json"), run.err());
        assertTrue(Files.notExists(dir.resolve("x.safetensors")));
    }
}

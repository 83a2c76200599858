package ai.gue.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.gue.attack.Budget;
import ai.gue.attack.GeneratorCheckpoint;
import ai.gue.attack.GeneratorPoison;
import ai.gue.data.CifarBinaryFormat;
import ai.gue.data.DatasetFormat;
import ai.gue.data.DatasetLoader;
import ai.gue.data.DatasetPair;
import ai.gue.data.ImageShape;
import ai.gue.data.LoadedDataset;
import ai.gue.model.Initialization;
import ai.gue.model.UNetGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format indexed_png} (the APBench / ISS layout) in data convert, attack and poison. */
class IndexedPngCliTest {

    @TempDir
    static Path shared;
    static Path cifarFolder;

    @BeforeAll
    static void writeTinyCifar() throws Exception {
        cifarFolder = shared.resolve("tiny-cifar");
        CifarBinaryFormat.writeCifar10Folder(new DatasetPair(CliTest.colours("train", 300, 1),
                CliTest.colours("test", 100, 2)), cifarFolder, false);
    }

    @Test
    void convertToIndexedPngAndBackIsByteExact() throws Exception {
        Path indexed = shared.resolve("indexed");
        CliRunner convert = CliRunner.run("data", "convert", cifarFolder.toString(), "--to", indexed.toString(),
                "--format", "indexed_png");
        assertEquals(0, convert.exitCode(), convert.toString());
        assertTrue(Files.isRegularFile(indexed.resolve("data/299.png")) && Files.isRegularFile(indexed.resolve(
                "test/data/99.png")));
        Path back = shared.resolve("indexed-back");
        CliRunner again = CliRunner.run("data", "convert", indexed.toString(), "--to", back.toString(), "--format",
                "cifar10_binary");
        assertEquals(0, again.exitCode(), again.toString());
        for (String file : List.of("data_batch_1.bin", "test_batch.bin")) {
            assertEquals(-1L, Files.mismatch(cifarFolder.resolve(file), back.resolve(file)), file);
        }
        CliRunner info = CliRunner.run("data", "info", indexed.toString());
        assertTrue(info.out().contains("INDEXED_PNG_SPLIT") && info.out().contains("300 images"), info.out());
    }

    @Test
    void attackWritesIndexedPngsThatReadBackAsThePoison() throws Exception {
        Path binary = shared.resolve("noise-bin");
        Path indexed = shared.resolve("noise-indexed");
        for (var target : List.of(List.of(binary.toString(), "cifar10_binary"),
                List.of(indexed.toString(), "indexed_png"))) {
            CliRunner run = CliRunner.run("attack", "noise-sign", "--input", cifarFolder.toString(), "--out",
                    target.get(0), "--format", target.get(1), "--seed", "4", "--probe-images", "0");
            assertEquals(0, run.exitCode(), run.toString());
        }
        assertTrue(Files.isRegularFile(indexed.resolve("poison-manifest.json")));
        LoadedDataset fromIndexed = DatasetLoader.load(indexed);
        assertEquals(DatasetFormat.INDEXED_PNG_SPLIT, fromIndexed.format());
        LoadedDataset fromBinary = DatasetLoader.load(binary);
        assertArrayEquals(fromBinary.train().pixels(), fromIndexed.train().pixels(), "same seed, same poison");
        assertArrayEquals(fromBinary.train().labels(), fromIndexed.train().labels());
    }

    @Test
    void poisonWritesIndexedPngs() throws Exception {
        Path generator = shared.resolve("generator");
        try (NDManager manager = NDManager.newBaseManager()) {
            UNetGenerator unet = Initialization.initialize(UNetGenerator.build(3, 2), manager, new Shape(1, 3, 32, 32));
            GeneratorCheckpoint.save(new GeneratorPoison(unet, Budget.linf(8)), 2, ImageShape.CIFAR, generator);
        }
        Path out = shared.resolve("gue-indexed");
        CliRunner run = CliRunner.run("poison", "--generator", generator.toString(), "--input",
                cifarFolder.toString(), "--out", out.toString(), "--format", "indexed_png", "--probe-images", "0");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("verified on the written files"), run.out());
        assertEquals(300, DatasetLoader.load(out).train().size());
    }
}

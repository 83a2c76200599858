package ai.gue.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The APBench / Image Shortcut Squeezing layout: data/<index>.png + labels.txt + classes.txt. */
class IndexedPngFormatTest {

    @TempDir
    Path dir;

    /** 23 training images, so that name order (10.png before 2.png) differs from index order. */
    private final ImageDataset train = TestData.cifar("train", 23, 5);
    private final ImageDataset test = TestData.cifar("test", 12, 6);

    @Test
    void roundTripIsByteExactWithOrderAndLabels() throws IOException {
        Path root = dir.resolve("poisons");
        IndexedPngFormat.writeSplit(new DatasetPair(train, test), root, false);

        // The names the tools read: bare indices, no zero padding, directly in data/.
        List<String> expected = new java.util.ArrayList<>(List.of("classes.txt", "data", "labels.txt", "test",
                "test/classes.txt", "test/data", "test/labels.txt"));
        IntStream.range(0, 23).forEach(i -> expected.add("data/" + i + ".png"));
        IntStream.range(0, 12).forEach(i -> expected.add("test/data/" + i + ".png"));
        assertEquals(expected.stream().sorted().toList(), TestData.listing(root));
        assertEquals(IntStream.of(train.labels()).mapToObj(Integer::toString).toList(),
                Files.readAllLines(root.resolve("labels.txt")));

        DatasetLoader.Detection detection = DatasetLoader.detect(root);
        assertEquals(DatasetFormat.INDEXED_PNG_SPLIT, detection.format());
        LoadedDataset loaded = DatasetLoader.load(root);
        assertSame(train, loaded.train());
        assertSame(test, loaded.test().orElseThrow());
        // Image i is exactly the file i.png.
        assertArrayEquals(train.image(17), PngCodec.read(root.resolve("data/17.png")).pixels());
    }

    @Test
    void trainingSplitAloneIsReadAsATrainingSet() throws IOException {
        Path root = dir.resolve("train-only");
        IndexedPngFormat.write(train, root, false);
        assertEquals(DatasetFormat.INDEXED_PNG, DatasetLoader.detect(root).format());
        LoadedDataset loaded = DatasetLoader.load(root);
        assertSame(train, loaded.train());
        assertTrue(loaded.test().isEmpty());
    }

    @Test
    void convertingFromCifarBinaryAndBackIsByteExact() throws IOException {
        Path binary = dir.resolve("bin");
        StorageFormat.CIFAR10_BINARY.write(new DatasetPair(train, test), binary, false);
        Path indexed = dir.resolve("indexed");
        LoadedDataset fromBinary = DatasetLoader.load(binary);
        StorageFormat.INDEXED_PNG.write(new DatasetPair(fromBinary.train(), fromBinary.test().orElseThrow()), indexed,
                false);
        LoadedDataset back = DatasetLoader.load(indexed);
        assertSame(fromBinary.train(), back.train());
        assertSame(fromBinary.test().orElseThrow(), back.test().orElseThrow());
    }

    @Test
    void missingIndexIsNamed() throws IOException {
        Path root = written();
        Files.delete(root.resolve("data/5.png"));
        assertError(root, "5.png", "missing");
    }

    @Test
    void wronglySizedImageIsNamed() throws IOException {
        Path root = written();
        ImageDataset small = TestData.random("small", new ImageShape(3, 8, 8), 1, 1, 1);
        PngCodec.write(small.shape(), small.pixels(), 0, root.resolve("data/3.png"));
        assertError(root, "3.png", "but expected");
    }

    @Test
    void nonImageFileIsNamed() throws IOException {
        Path root = written();
        Files.writeString(root.resolve("data/notes.txt"), "not an image");
        assertError(root, "notes.txt", "unexpected entry");
    }

    @Test
    void zeroPaddedNameIsNotAnIndex() throws IOException {
        Path root = written();
        Files.move(root.resolve("data/7.png"), root.resolve("data/07.png"));
        assertError(root, "07.png", "without zero padding");
    }

    @Test
    void corruptPngIsNamed() throws IOException {
        Path root = written();
        Files.writeString(root.resolve("data/2.png"), "not a png");
        assertError(root, "2.png", "PNG");
    }

    @Test
    void labelOutOfRangeNamesTheLine() throws IOException {
        Path root = written();
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(root.resolve("labels.txt")));
        lines.set(4, "10");
        Files.write(root.resolve("labels.txt"), lines, StandardCharsets.UTF_8);
        assertError(root, "labels.txt", "line 5");
    }

    @Test
    void imageWithoutLabelIsNamed() throws IOException {
        Path root = written();
        Files.copy(root.resolve("data/0.png"), root.resolve("data/23.png"));
        assertError(root, "23.png", "no label");
    }

    @Test
    void apbenchFolderWithoutLabelsIsNotMistakenForAOneClassImageFolder() throws IOException {
        Path root = written();
        Files.delete(root.resolve("labels.txt"));
        Files.delete(root.resolve("classes.txt"));
        assertError(root, "labels.txt", "keeps no labels");
    }

    private Path written() throws IOException {
        Path root = dir.resolve("bad");
        IndexedPngFormat.write(train, root, false);
        return root;
    }

    private static void assertError(Path root, String file, String detail) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> DatasetLoader.load(root));
        assertTrue(e.getMessage().contains(file) && e.getMessage().contains(detail), e.getMessage());
    }

    private static void assertSame(ImageDataset expected, ImageDataset actual) {
        assertEquals(expected.shape(), actual.shape());
        assertArrayEquals(expected.labels(), actual.labels());
        assertArrayEquals(expected.pixels(), actual.pixels());
        assertEquals(expected.classNames(), actual.classNames());
    }
}

package ai.gue.data;

import ai.gue.util.AtomicOutput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderFormatTest {

    @TempDir
    Path dir;

    @Test
    void binaryToFolderToBinaryIsByteExactIncludingOrder() throws IOException {
        ImageDataset data = TestData.cifar("d", 40, 11);
        Path batch = dir.resolve("data_batch_1.bin");
        CifarBinaryFormat.writeCifar10Batch(data, batch, false);

        ImageDataset fromBinary = CifarBinaryFormat.readCifar10Batch(batch, CifarBinaryFormat.CIFAR10_CLASSES);
        Path folder = dir.resolve("png");
        ImageFolderFormat.write(fromBinary, folder, false);
        assertTrue(Files.isRegularFile(folder.resolve("airplane").resolve(String.format("%05d.png", indexOfFirst(data, 0)))));

        ImageDataset fromFolder = ImageFolderFormat.read(folder);
        Path again = dir.resolve("again.bin");
        CifarBinaryFormat.writeCifar10Batch(fromFolder, again, false);
        assertArrayEquals(Files.readAllBytes(batch), Files.readAllBytes(again));
        assertArrayEquals(data.labels(), fromFolder.labels());
        assertEquals(CifarBinaryFormat.CIFAR10_CLASSES, fromFolder.classNames()); // already sorted
    }

    @Test
    void classNamesAreSortedAndNonNumericFilesAreReadClassByClass() throws IOException {
        ImageShape shape = new ImageShape(3, 4, 5);
        ImageDataset a = TestData.random("x", shape, 3, 1, 1);
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("zebra"));
        Files.createDirectories(root.resolve("ant"));
        PngCodec.write(shape, a.pixels(), 0, root.resolve("zebra").resolve("b.png"));
        PngCodec.write(shape, a.pixels(), shape.pixelCount(), root.resolve("zebra").resolve("a.png"));
        PngCodec.write(shape, a.pixels(), 2 * shape.pixelCount(), root.resolve("ant").resolve("z.png"));
        Files.writeString(root.resolve("README.txt"), "root files are ignored");
        Files.writeString(root.resolve("ant").resolve(".DS_Store"), "hidden files are ignored");

        ImageDataset read = ImageFolderFormat.read(root);
        assertEquals(List.of("ant", "zebra"), read.classNames());
        assertArrayEquals(new int[] {0, 1, 1}, read.labels());
        assertArrayEquals(a.image(2), read.image(0));
        assertArrayEquals(a.image(1), read.image(1)); // a.png before b.png
        assertArrayEquals(a.image(0), read.image(2));
        assertEquals(shape, read.shape());
    }

    @Test
    void greyAndRgbaImagesRoundTrip() throws IOException {
        for (int channels : new int[] {1, 4}) {
            ImageDataset data = TestData.random("g" + channels, new ImageShape(channels, 6, 7), 5, 2, channels);
            Path folder = dir.resolve("c" + channels);
            ImageFolderFormat.write(data, folder, false);
            assertTrue(ImageFolderFormat.read(folder).sameContent(data), "channels " + channels);
        }
    }

    @Test
    void imageOfWrongSizeNamesFileExpectedAndGot() throws IOException {
        Path root = writeTwoClasses();
        Path bad = root.resolve("c1").resolve("99999.png");
        PngCodec.write(new ImageShape(3, 31, 32), new byte[3 * 31 * 32], 0, bad);
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFolderFormat.read(root));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("is 3x31x32"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 3x32x32"), e.getMessage());
    }

    @Test
    void imageWithWrongChannelCountIsAnError() throws IOException {
        for (int channels : new int[] {1, 4}) {
            Path root = writeTwoClasses();
            Path bad = root.resolve("c0").resolve("99999.png");
            PngCodec.write(new ImageShape(channels, 32, 32), new byte[channels * 1024], 0, bad);
            DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFolderFormat.read(root));
            assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("is " + channels + "x32x32"),
                    e.getMessage());
            AtomicOutput.deleteRecursively(root);
        }
    }

    @Test
    void expectedShapeIsEnforcedFromTheFirstImage() throws IOException {
        Path root = writeTwoClasses();
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> ImageFolderFormat.read(root, "x", new ImageShape(1, 32, 32)));
        assertTrue(e.getMessage().contains("expected 1x32x32"), e.getMessage());
    }

    @Test
    void emptyClassFolderIsAnError() throws IOException {
        Path root = writeTwoClasses();
        Path empty = Files.createDirectory(root.resolve("c2"));
        Files.writeString(empty.resolve(".DS_Store"), "x");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFolderFormat.read(root));
        assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("empty class folder"),
                e.getMessage());
    }

    @Test
    void nonImageFileIsAnErrorNamingIt() throws IOException {
        Path root = writeTwoClasses();
        Path notes = root.resolve("c1").resolve("notes.txt");
        Files.writeString(notes, "hello");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFolderFormat.read(root));
        assertTrue(e.getMessage().contains(notes.toString()) && e.getMessage().contains("not a .png"), e.getMessage());
    }

    @Test
    void fileNamedPngThatIsNotAPngIsAnError() throws IOException {
        Path root = writeTwoClasses();
        Path fake = root.resolve("c1").resolve("00007.png");
        Files.writeString(fake, "not really");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFolderFormat.read(root));
        assertTrue(e.getMessage().contains(fake.toString()) && e.getMessage().contains("PNG signature"), e.getMessage());
    }

    @Test
    void nestedFolderIsAnError() throws IOException {
        Path root = writeTwoClasses();
        Path nested = Files.createDirectory(root.resolve("c1").resolve("more"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFolderFormat.read(root));
        assertTrue(e.getMessage().contains(nested.toString()), e.getMessage());
    }

    @Test
    void emptyRootIsAnError() throws IOException {
        Path root = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(root.resolve("stray.txt"), "x");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFolderFormat.read(root));
        assertTrue(e.getMessage().contains(root.toString()) && e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void existingOutputIsRefusedAndFailedWriteLeavesNothing() throws IOException {
        Path root = writeTwoClasses();
        ImageDataset data = TestData.cifar("d", 12, 3);
        assertThrows(FileAlreadyExistsException.class, () -> ImageFolderFormat.write(data, root, false));
        ImageFolderFormat.write(data, root, true);
        assertTrue(ImageFolderFormat.read(root).sameContent(data));

        // 2-channel images cannot be PNG-encoded: the writer fails after writing some files
        ImageDataset twoChannels = TestData.random("two", new ImageShape(2, 4, 4), 4, 2, 1);
        Path out = dir.resolve("two");
        assertThrows(IllegalArgumentException.class, () -> ImageFolderFormat.write(twoChannels, out, false));
        assertTrue(TestData.listing(dir).stream().noneMatch(p -> p.contains("two")), "no partial output");
    }

    @Test
    void emptyClassCannotBeWritten() {
        ImageDataset data = TestData.cifar("d", 12, 3).select(new int[] {0, 1}, "two");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageFolderFormat.write(data, dir.resolve("x"), false));
        assertTrue(e.getMessage().contains("has no images"), e.getMessage());
    }

    private Path writeTwoClasses() throws IOException {
        ImageDataset data = TestData.random("two", ImageShape.CIFAR, 4, 2, 5);
        Path root = dir.resolve("root");
        ImageFolderFormat.write(data, root, false);
        return root;
    }

    private static int indexOfFirst(ImageDataset data, int label) {
        for (int i = 0; i < data.size(); i++) {
            if (data.label(i) == label) {
                return i;
            }
        }
        throw new AssertionError();
    }
}

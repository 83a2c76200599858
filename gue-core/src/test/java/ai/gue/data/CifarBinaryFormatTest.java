package ai.gue.data;

import ai.gue.util.AtomicOutput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarBinaryFormatTest {

    @TempDir
    Path dir;

    @Test
    void cifar10BatchRoundTripsAndHasTheOfficialLayout() throws IOException {
        ImageDataset data = TestData.cifar("d", 7, 1);
        Path file = dir.resolve("data_batch_1.bin");
        CifarBinaryFormat.writeCifar10Batch(data, file, false);

        byte[] bytes = Files.readAllBytes(file);
        assertEquals(7 * 3073, bytes.length);
        // record 2: label byte, then R plane, G plane, B plane
        assertEquals(data.label(2), bytes[2 * 3073]);
        assertEquals(data.pixel(2, 0, 0, 0), bytes[2 * 3073 + 1] & 0xFF);
        assertEquals(data.pixel(2, 1, 3, 5), bytes[2 * 3073 + 1 + 1024 + 3 * 32 + 5] & 0xFF);
        assertEquals(data.pixel(2, 2, 31, 31), bytes[3 * 3073 - 1] & 0xFF);

        ImageDataset back = CifarBinaryFormat.readCifar10Batch(file, CifarBinaryFormat.CIFAR10_CLASSES);
        assertTrue(back.sameContent(data));
    }

    @Test
    void cifar10FolderRoundTripsWithMetaNames() throws IOException {
        ImageDataset train = TestData.cifar("train", 12, 2);
        ImageDataset test = TestData.cifar("test", 5, 3);
        Path folder = dir.resolve("cifar");
        CifarBinaryFormat.writeCifar10Folder(new DatasetPair(train, test), folder, false);
        assertEquals(List.of("batches.meta.txt", "data_batch_1.bin", "test_batch.bin"), TestData.listing(folder));

        DatasetPair back = CifarBinaryFormat.readCifar10Folder(folder);
        assertTrue(back.train().sameContent(train));
        assertTrue(back.test().sameContent(test));
        assertEquals(CifarBinaryFormat.CIFAR10_CLASSES, back.train().classNames());
    }

    @Test
    void severalTrainingBatchesAreConcatenatedInNumericOrder() throws IOException {
        ImageDataset a = TestData.cifar("a", 3, 4);
        ImageDataset b = TestData.cifar("b", 2, 5);
        CifarBinaryFormat.writeCifar10Batch(a, dir.resolve("data_batch_1.bin"), false);
        CifarBinaryFormat.writeCifar10Batch(b, dir.resolve("data_batch_2.bin"), false);
        CifarBinaryFormat.writeCifar10Batch(b, dir.resolve("test_batch.bin"), false);
        ImageDataset train = CifarBinaryFormat.readCifar10Folder(dir).train();
        assertEquals(5, train.size());
        assertArrayEquals(a.image(2), train.image(2));
        assertArrayEquals(b.image(0), train.image(3));
    }

    @Test
    void missingTestBatchOrGapInBatchesIsAnError() throws IOException {
        CifarBinaryFormat.writeCifar10Batch(TestData.cifar("a", 2, 4), dir.resolve("data_batch_2.bin"), false);
        DataFormatException gap = assertThrows(DataFormatException.class, () -> CifarBinaryFormat.readCifar10Folder(dir));
        assertTrue(gap.getMessage().contains("data_batch_1.bin"), gap.getMessage());
        Files.move(dir.resolve("data_batch_2.bin"), dir.resolve("data_batch_1.bin"));
        DataFormatException noTest = assertThrows(DataFormatException.class, () -> CifarBinaryFormat.readCifar10Folder(dir));
        assertTrue(noTest.getMessage().contains("test_batch.bin"), noTest.getMessage());
    }

    @Test
    void truncatedBatchNamesFileAndByteCount() throws IOException {
        Path file = dir.resolve("data_batch_1.bin");
        CifarBinaryFormat.writeCifar10Batch(TestData.cifar("d", 3, 1), file, false);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CifarBinaryFormat.readCifar10Batch(file, CifarBinaryFormat.CIFAR10_CLASSES));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("length 9218 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("3073-byte"), e.getMessage());
        assertEquals(file, e.file());
    }

    @Test
    void oversizedBatchIsAnError() throws IOException {
        Path file = dir.resolve("data_batch_1.bin");
        CifarBinaryFormat.writeCifar10Batch(TestData.cifar("d", 2, 1), file, false);
        Files.write(file, new byte[5], StandardOpenOption.APPEND);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CifarBinaryFormat.readCifar10Batch(file, CifarBinaryFormat.CIFAR10_CLASSES));
        assertTrue(e.getMessage().contains("length 6151 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("5 bytes left over at byte offset 6146"), e.getMessage());
    }

    @Test
    void emptyBatchIsAnError() throws IOException {
        Path file = Files.createFile(dir.resolve("data_batch_1.bin"));
        assertThrows(DataFormatException.class,
                () -> CifarBinaryFormat.readCifar10Batch(file, CifarBinaryFormat.CIFAR10_CLASSES));
    }

    @Test
    void labelOutOfRangeNamesImageAndOffset() throws IOException {
        Path file = dir.resolve("data_batch_1.bin");
        CifarBinaryFormat.writeCifar10Batch(TestData.cifar("d", 3, 1), file, false);
        byte[] bytes = Files.readAllBytes(file);
        bytes[3073] = 10;
        Files.write(file, bytes);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CifarBinaryFormat.readCifar10Batch(file, CifarBinaryFormat.CIFAR10_CLASSES));
        assertTrue(e.getMessage().contains("label 10 of image 1 (byte offset 3073) is outside [0, 10)"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void cifar100RoundTripKeepsFineAndCoarseLabels() throws IOException {
        ImageDataset fine = TestData.random("f", ImageShape.CIFAR, 9, 100, 6);
        fine = new ImageDataset("f", fine.shape(), fine.pixels(), fine.labels(), CifarBinaryFormat.placeholderNames(100));
        int[] coarse = Arrays.stream(fine.labels()).map(l -> l / 5).toArray();
        Cifar100Data data = new Cifar100Data(fine, coarse, CifarBinaryFormat.placeholderNames(20));
        CifarBinaryFormat.writeCifar100File(data, dir.resolve("train.bin"), false);
        CifarBinaryFormat.writeCifar100File(data, dir.resolve("test.bin"), false);

        byte[] bytes = Files.readAllBytes(dir.resolve("train.bin"));
        assertEquals(9 * 3074, bytes.length);
        assertEquals(coarse[4], bytes[4 * 3074]);
        assertEquals(fine.label(4), bytes[4 * 3074 + 1]);

        Cifar100Data back = CifarBinaryFormat.readCifar100File(dir.resolve("train.bin"),
                CifarBinaryFormat.cifar100FineNames(dir), CifarBinaryFormat.cifar100CoarseNames(dir));
        assertTrue(back.fine().sameContent(fine));
        assertArrayEquals(coarse, back.coarseLabels());
        assertArrayEquals(coarse, back.coarse().labels());
        assertEquals("class_99", back.fine().classNames().get(99));

        Files.write(dir.resolve("fine_label_names.txt"),
                CifarBinaryFormat.placeholderNames(100).stream().map(s -> "fine_" + s).toList());
        DatasetPair pair = CifarBinaryFormat.readCifar100Folder(dir);
        assertEquals("fine_class_0", pair.train().classNames().get(0));
        assertArrayEquals(fine.pixels(), pair.test().pixels());
    }

    @Test
    void cifar100LabelOutOfRangeIsAnError() throws IOException {
        Path file = dir.resolve("train.bin");
        byte[] bytes = new byte[2 * 3074];
        bytes[3074 + 1] = 100; // fine label of image 1
        Files.write(file, bytes);
        DataFormatException e = assertThrows(DataFormatException.class, () -> CifarBinaryFormat.readCifar100File(
                file, CifarBinaryFormat.placeholderNames(100), CifarBinaryFormat.placeholderNames(20)));
        assertTrue(e.getMessage().contains("fine label 100 of image 1 (byte offset 3075)"), e.getMessage());
    }

    @Test
    void existingOutputIsRefusedUnlessOverwrite() throws IOException {
        Path file = dir.resolve("b.bin");
        Files.writeString(file, "keep me");
        ImageDataset data = TestData.cifar("d", 2, 1);
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> CifarBinaryFormat.writeCifar10Batch(data, file, false));
        assertTrue(e.getMessage().contains("overwrite"), e.getMessage());
        assertEquals("keep me", Files.readString(file));
        CifarBinaryFormat.writeCifar10Batch(data, file, true);
        assertEquals(2 * 3073, Files.size(file));

        Path folder = Files.createDirectory(dir.resolve("folder"));
        assertThrows(FileAlreadyExistsException.class,
                () -> CifarBinaryFormat.writeCifar10Folder(new DatasetPair(data, data), folder, false));
        CifarBinaryFormat.writeCifar10Folder(new DatasetPair(data, data), folder, true);
        assertTrue(Files.isRegularFile(folder.resolve("test_batch.bin")));
        assertEquals(List.of("b.bin", "folder", "folder/batches.meta.txt", "folder/data_batch_1.bin",
                "folder/test_batch.bin"), TestData.listing(dir));
    }

    @Test
    void failedWriteLeavesNoPartialOutput() throws IOException {
        Path file = dir.resolve("out.bin");
        assertThrows(IOException.class, () -> AtomicOutput.writeFile(file, false, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full (simulated)");
        }));
        Path folder = dir.resolve("outdir");
        assertThrows(IllegalStateException.class, () -> AtomicOutput.writeDirectory(folder, false, temp -> {
            Files.write(temp.resolve("half.bin"), new byte[10]);
            throw new IllegalStateException("crash (simulated)");
        }));
        // a real writer failing half-way: a 4x32x32 dataset is not CIFAR
        ImageDataset wrongShape = TestData.random("w", new ImageShape(4, 32, 32), 2, 2, 1);
        assertThrows(IllegalArgumentException.class,
                () -> CifarBinaryFormat.writeCifar10Batch(wrongShape, dir.resolve("w.bin"), false));
        assertEquals(List.of(), TestData.listing(dir), "no output and no temporary file may remain");
    }

    @Test
    void failedOverwriteKeepsTheOldOutput() throws IOException {
        Path file = dir.resolve("out.bin");
        Files.writeString(file, "old");
        assertThrows(IOException.class, () -> AtomicOutput.writeFile(file, true, out -> {
            out.write(1);
            throw new IOException("simulated");
        }));
        assertEquals("old", Files.readString(file));
        assertEquals(List.of("out.bin"), TestData.listing(dir));
        assertFalse(Files.exists(dir.resolve("other")));
    }
}

package ai.gue.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {

    @TempDir
    Path dir;

    private final ImageDataset train = TestData.cifar("train", 12, 1);
    private final ImageDataset test = TestData.cifar("test", 10, 2);

    @Test
    void cifar10FolderAndSingleBatchAndOfficialSubfolder() throws IOException {
        Path cache = dir.resolve("cache");
        Path folder = cache.resolve(Cifar10Fetcher.FOLDER_NAME);
        CifarBinaryFormat.writeCifar10Folder(new DatasetPair(train, test), folder, false);

        LoadedDataset loaded = DatasetLoader.load(folder);
        assertEquals(DatasetFormat.CIFAR10_FOLDER, loaded.format());
        assertTrue(loaded.train().sameContent(train));
        assertTrue(loaded.test().orElseThrow().sameContent(test));

        LoadedDataset viaParent = DatasetLoader.load(cache);
        assertEquals(folder, viaParent.source());

        LoadedDataset batch = DatasetLoader.load(folder.resolve("test_batch.bin"));
        assertEquals(DatasetFormat.CIFAR10_BATCH, batch.format());
        assertTrue(batch.train().sameContent(test));
        assertTrue(batch.test().isEmpty());
    }

    @Test
    void cifar100Folder() throws IOException {
        int[] coarse = new int[train.size()];
        Cifar100Data d = new Cifar100Data(train, coarse, CifarBinaryFormat.placeholderNames(20));
        CifarBinaryFormat.writeCifar100File(d, dir.resolve("train.bin"), false);
        CifarBinaryFormat.writeCifar100File(d, dir.resolve("test.bin"), false);
        LoadedDataset loaded = DatasetLoader.load(dir);
        assertEquals(DatasetFormat.CIFAR100_FOLDER, loaded.format());
        assertEquals(100, loaded.train().classCount());
        assertTrue(Arrays.equals(train.pixels(), loaded.test().orElseThrow().pixels()));
    }

    @Test
    void svhnFolderAndFile() throws IOException {
        ImageDataset digits = new ImageDataset("svhn-train", train.shape(), train.pixels(), train.labels(), SvhnFormat.CLASSES);
        SvhnFormat.writeFile(digits, dir.resolve(SvhnFormat.TRAIN_FILE), true, false);
        SvhnFormat.writeFile(digits, dir.resolve(SvhnFormat.TEST_FILE), false, false);
        assertEquals(DatasetFormat.SVHN_FOLDER, DatasetLoader.detect(dir).format());
        assertTrue(DatasetLoader.load(dir).test().orElseThrow().sameContent(
                new ImageDataset("svhn-test", digits.shape(), digits.pixels(), digits.labels(), digits.classNames())));
        LoadedDataset file = DatasetLoader.load(dir.resolve(SvhnFormat.TRAIN_FILE));
        assertEquals(DatasetFormat.SVHN_FILE, file.format());
        assertTrue(file.train().sameContent(digits));
    }

    @Test
    void imageFolderAndTrainTestImageFolders() throws IOException {
        Path root = dir.resolve("pngs");
        ImageFolderFormat.write(test, root.resolve("train"), false);
        assertEquals(DatasetFormat.IMAGE_FOLDER, DatasetLoader.detect(root.resolve("train")).format());
        ImageFolderFormat.write(test, root.resolve("test"), false);
        LoadedDataset loaded = DatasetLoader.load(root);
        assertEquals(DatasetFormat.IMAGE_FOLDER_SPLIT, loaded.format());
        assertTrue(loaded.train().sameContent(test));
        assertEquals("pngs-test", loaded.test().orElseThrow().name());
    }

    @Test
    void nothingRecognisedListsWhatWasLookedFor() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "x");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DatasetLoader.load(dir));
        for (String lookedFor : List.of("data_batch_<n>.bin", "train.bin + test.bin", "train_32x32.mat",
                "class sub-folders")) {
            assertTrue(e.getMessage().contains(lookedFor), e.getMessage());
        }
        assertTrue(e.getMessage().contains(dir.toString()));
        assertThrows(DataFormatException.class, () -> DatasetLoader.load(dir.resolve("notes.txt")));
        DataFormatException missing = assertThrows(DataFormatException.class, () -> DatasetLoader.load(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("does not exist"));
        assertFalse(ImageFolderFormat.looksLikeImageFolder(dir));
    }
}

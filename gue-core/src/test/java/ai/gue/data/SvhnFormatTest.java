package ai.gue.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SvhnFormatTest {

    @TempDir
    Path dir;

    /** X built by hand in MATLAB order: X(r, c, ch, i) = r + 2c + 5ch + 7i (mod 256), y = 10, 1, 2. */
    @ParameterizedTest(name = "compressed={0}")
    @ValueSource(booleans = {false, true})
    void readsMatlabOrderAndMapsLabelTenToZero(boolean compressed) throws IOException {
        int n = 3;
        byte[] x = new byte[32 * 32 * 3 * n];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < 3; ch++) {
                for (int c = 0; c < 32; c++) {
                    for (int r = 0; r < 32; r++) {
                        x[r + 32 * c + 1024 * ch + 3072 * i] = (byte) (r + 2 * c + 5 * ch + 7 * i);
                    }
                }
            }
        }
        Path file = dir.resolve("train_32x32.mat");
        Mat5Writer.write(file, List.of(
                MatArray.ofDoubles("note", new int[] {1, 2}, new double[] {0.5, -3.25}), // skipped by the reader
                MatArray.uint8("X", new int[] {32, 32, 3, n}, x),
                MatArray.ofDoubles("y", new int[] {n, 1}, new double[] {10, 1, 2})), compressed, false);

        ImageDataset svhn = SvhnFormat.readFile(file);
        assertEquals("svhn-train", svhn.name());
        assertArrayEquals(new int[] {0, 1, 2}, svhn.labels());
        assertEquals(SvhnFormat.CLASSES, svhn.classNames());
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < 3; ch++) {
                for (int r = 0; r < 32; r += 5) {
                    for (int c = 0; c < 32; c += 3) {
                        assertEquals((r + 2 * c + 5 * ch + 7 * i) & 0xFF, svhn.pixel(i, ch, r, c));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "compressed={0}")
    @ValueSource(booleans = {false, true})
    void writeThenReadRoundTrips(boolean compressed) throws IOException {
        ImageDataset data = TestData.random("d", ImageShape.CIFAR, 11, 10, 3);
        data = new ImageDataset("svhn-train", data.shape(), data.pixels(), data.labels(), SvhnFormat.CLASSES);
        SvhnFormat.writeFile(data, dir.resolve("train_32x32.mat"), compressed, false);
        SvhnFormat.writeFile(data.select(new int[] {3, 1}, "svhn-test"), dir.resolve("test_32x32.mat"), compressed, false);
        DatasetPair pair = SvhnFormat.readFolder(dir);
        assertTrue(pair.train().sameContent(data));
        assertArrayEquals(data.image(3), pair.test().image(0));
    }

    @Test
    void matReaderKeepsDoublesExactlyAndSkipsUnwantedVariables() throws IOException {
        Path file = dir.resolve("v.mat");
        double[] values = {0.5, -3.25, 1e300, 7};
        Mat5Writer.write(file, List.of(MatArray.ofDoubles("values", new int[] {2, 2}, values),
                MatArray.ofDoubles("small", new int[] {1, 3}, new double[] {1, 2, 255}),
                MatArray.uint8("longer_name", new int[] {1, 1}, new byte[] {(byte) 200})), true, false);
        Map<String, MatArray> all = Mat5Reader.read(file);
        assertEquals(List.of("values", "small", "longer_name"), List.copyOf(all.keySet()));
        assertArrayEquals(values, all.get("values").doubles());
        assertArrayEquals(new double[] {1, 2, 255}, all.get("small").doubles());
        assertEquals(200, all.get("longer_name").value(0));
        assertEquals(Set.of("small"), Mat5Reader.read(file, Set.of("small")).keySet());
        DataFormatException e = assertThrows(DataFormatException.class, () -> Mat5Reader.read(file, Set.of("X")));
        assertTrue(e.getMessage().contains("no variable 'X'") && e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void labelOutsideOneToTenIsAnError() throws IOException {
        Path file = dir.resolve("test_32x32.mat");
        Mat5Writer.write(file, List.of(MatArray.uint8("X", new int[] {32, 32, 3, 2}, new byte[2 * 3072]),
                MatArray.ofDoubles("y", new int[] {2, 1}, new double[] {3, 11})), false, false);
        DataFormatException e = assertThrows(DataFormatException.class, () -> SvhnFormat.readFile(file));
        assertTrue(e.getMessage().contains("image 1 is 11.0"), e.getMessage());
    }

    @Test
    void wrongShapeOrNotAMatFileIsAnError() throws IOException {
        Path file = dir.resolve("x.mat");
        Mat5Writer.write(file, List.of(MatArray.uint8("X", new int[] {28, 28, 1, 1}, new byte[784]),
                MatArray.ofDoubles("y", new int[] {1, 1}, new double[] {1})), false, false);
        DataFormatException e = assertThrows(DataFormatException.class, () -> SvhnFormat.readFile(file));
        assertTrue(e.getMessage().contains("[28, 28, 1, 1]") && e.getMessage().contains("[32, 32, 3, N]"), e.getMessage());

        Path text = dir.resolve("t.mat");
        Files.writeString(text, "just text".repeat(20));
        assertThrows(DataFormatException.class, () -> SvhnFormat.readFile(text));

        Path truncated = dir.resolve("train_32x32.mat");
        Mat5Writer.write(truncated, List.of(MatArray.uint8("X", new int[] {32, 32, 3, 1}, new byte[3072])), false, false);
        byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        DataFormatException t = assertThrows(DataFormatException.class, () -> SvhnFormat.readFile(truncated));
        assertTrue(t.getMessage().contains("truncated"), t.getMessage());
    }
}

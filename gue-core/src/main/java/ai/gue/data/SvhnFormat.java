package ai.gue.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SVHN's official "cropped digits" files {@code train_32x32.mat} / {@code test_32x32.mat}
 * (and {@code extra_32x32.mat}, readable with {@link #readFile}): MATLAB level-5 files with
 * {@code X}, uint8 of size 32 x 32 x 3 x N in MATLAB (column-major) order, and {@code y}, N x 1
 * labels 1..10 where 10 stands for the digit 0. Labels become the digits 0..9, so class
 * {@code k} is named {@code "k"}.
 */
public final class SvhnFormat {

    /** Class names: the digits, in label order. */
    public static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    public static final String TRAIN_FILE = "train_32x32.mat";
    public static final String TEST_FILE = "test_32x32.mat";

    private static final int SIDE = 32;
    private static final int PLANE = SIDE * SIDE;

    private SvhnFormat() {
    }

    /** Reads {@code train_32x32.mat} and {@code test_32x32.mat} from a folder. */
    public static DatasetPair readFolder(Path dir) throws IOException {
        return new DatasetPair(readFile(dir.resolve(TRAIN_FILE)), readFile(dir.resolve(TEST_FILE)));
    }

    /** Reads one SVHN {@code .mat} file; the dataset is named {@code svhn-<stem>}. */
    public static ImageDataset readFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, "missing: expected an SVHN .mat file");
        }
        Map<String, MatArray> vars = Mat5Reader.read(file, Set.of("X", "y"));
        MatArray x = vars.get("X");
        MatArray y = vars.get("y");
        int[] dims = x.dimensions();
        // MATLAB drops a trailing singleton dimension, so a one-image file has X of 32 x 32 x 3.
        boolean shapeOk = (dims.length == 4 || dims.length == 3) && dims[0] == SIDE && dims[1] == SIDE && dims[2] == 3;
        if (!shapeOk || x.matClass() != MatArray.MatClass.UINT8) {
            throw new DataFormatException(file, "variable X is " + x.matClass() + " " + Arrays.toString(dims)
                    + "; expected UINT8 [32, 32, 3, N]");
        }
        int n = dims.length == 4 ? dims[3] : 1;
        if (y.elementCount() != n || y.dimensions().length != 2) {
            throw new DataFormatException(file, "variable y is " + Arrays.toString(y.dimensions())
                    + "; expected [" + n + ", 1] to match X's " + n + " images");
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double v = y.value(i);
            if (v != Math.rint(v) || v < 1 || v > 10) {
                throw new DataFormatException(file, "label y(" + (i + 1) + ") of image " + i + " is " + v
                        + "; expected an integer in 1..10 (10 = digit 0)");
            }
            labels[i] = (int) v % 10;
        }
        byte[] src = x.bytes();
        byte[] pixels = new byte[src.length];
        // X(r, c, ch, i) is at r + 32 c + 1024 ch + 3072 i; planar CHW wants ch, then r, then c.
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < 3; ch++) {
                int base = (i * 3 + ch) * PLANE;
                for (int r = 0; r < SIDE; r++) {
                    for (int c = 0; c < SIDE; c++) {
                        pixels[base + r * SIDE + c] = src[base + c * SIDE + r];
                    }
                }
            }
        }
        String stem = file.getFileName().toString().replaceFirst("(_32x32)?\\.mat$", "");
        return new ImageDataset("svhn-" + stem, ImageShape.CIFAR, pixels, labels, CLASSES);
    }

    /**
     * Writes a dataset of 3 x 32 x 32 digit images (labels 0..9) in SVHN's layout: the inverse of
     * {@link #readFile}, used by tests and for interop.
     */
    public static void writeFile(ImageDataset dataset, Path file, boolean compress, boolean overwrite)
            throws IOException {
        if (!dataset.shape().equals(ImageShape.CIFAR) || dataset.classCount() != 10) {
            throw new IllegalArgumentException(dataset.name() + ": SVHN holds 3x32x32 images of 10 classes, not "
                    + dataset.shape() + " images of " + dataset.classCount());
        }
        int n = dataset.size();
        byte[] src = dataset.pixels();
        byte[] x = new byte[src.length];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < 3; ch++) {
                int base = (i * 3 + ch) * PLANE;
                for (int r = 0; r < SIDE; r++) {
                    for (int c = 0; c < SIDE; c++) {
                        x[base + c * SIDE + r] = src[base + r * SIDE + c];
                    }
                }
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = dataset.label(i) == 0 ? 10 : dataset.label(i);
        }
        Mat5Writer.write(file, List.of(MatArray.uint8("X", new int[] {SIDE, SIDE, 3, n}, x),
                MatArray.ofDoubles("y", new int[] {n, 1}, y)), compress, overwrite);
    }
}

package ai.gue.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * One image's random crop and flip (torchvision's {@code RandomCrop(padding=p)} then
 * {@code RandomHorizontalFlip}): the image shifted by ({@code dy}, {@code dx}) with zero fill, i.e.
 * the crop at offset (p + dy, p + dx) of the zero-padded image, then mirrored if {@code flip}.
 * Output pixel (y, x) is input pixel (y + dy, (flip ? w − 1 − x : x) + dx), zero outside.
 *
 * @param dy   vertical shift in [−p, p]
 * @param dx   horizontal shift in [−p, p]
 * @param flip mirror horizontally
 */
public record CropFlip(int dy, int dx, boolean flip) {

    /**
     * The next image's draw from {@code random}: dy, dx, then the flip, in that order (the victim's
     * {@link BatchSampler} and the game's {@link #apply} draw alike).
     */
    public static CropFlip draw(SplittableRandom random, Augmentation augmentation) {
        int pad = augmentation.cropPadding();
        int dy = pad == 0 ? 0 : random.nextInt(2 * pad + 1) - pad;
        int dx = pad == 0 ? 0 : random.nextInt(2 * pad + 1) - pad;
        boolean flip = augmentation.horizontalFlip() && random.nextBoolean();
        return new CropFlip(dy, dx, flip);
    }

    /**
     * Crops and flips every image of a (N, C, H, W) batch on the device, with draws from a
     * {@code SplittableRandom(seed)}: differentiable (zero padding, slicing, flip and stack), so a
     * gradient to the result flows back to {@code batch}, and through it to whatever made it (the
     * game's generator). Only crop and flip: Cutout and mixing are refused. The result belongs to
     * {@code batch}'s manager.
     */
    public static NDArray apply(NDArray batch, Augmentation augmentation, long seed) {
        if (augmentation.cutoutSize() > 0 || augmentation.mixing() != MixingKind.NONE) {
            throw new IllegalArgumentException("only crop and flip can be applied to a batch on the device, got "
                    + augmentation);
        }
        if (augmentation.cropPadding() == 0 && !augmentation.horizontalFlip()) {
            return batch;
        }
        Shape shape = batch.getShape();
        int n = (int) shape.get(0);
        int c = (int) shape.get(1);
        int h = (int) shape.get(2);
        int w = (int) shape.get(3);
        int p = augmentation.cropPadding();
        NDManager manager = batch.getManager();
        NDArray padded = batch;
        if (p > 0) { // zeros are libtorch's own arrays, safe to keep in a graph
            NDArray rows = manager.zeros(new Shape(n, c, p, w), batch.getDataType());
            padded = NDArrays.concat(new NDList(rows, batch, rows), 2);
            NDArray columns = manager.zeros(new Shape(n, c, h + 2 * p, p), batch.getDataType());
            padded = NDArrays.concat(new NDList(columns, padded, columns), 3);
        }
        SplittableRandom random = new SplittableRandom(seed);
        NDList images = new NDList(n);
        for (int i = 0; i < n; i++) {
            CropFlip draw = draw(random, augmentation);
            int top = p + draw.dy();
            int left = p + draw.dx();
            NDArray image = padded.get(String.format(java.util.Locale.ROOT, "%d, :, %d:%d, %d:%d", i, top, top + h,
                    left, left + w));
            images.add(draw.flip() ? image.flip(2) : image);
        }
        return NDArrays.stack(images);
    }
}

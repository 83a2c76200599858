package ai.gue.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The poison generator: the UNet of DeepConfuse used by the GUE authors.
 *
 * <pre>
 * double_conv(i, o) = conv3×3 pad 1 (bias) → BN → ReLU → conv3×3 pad 1 (bias) → BN → ReLU
 * inc   = double_conv(C, w)                       x1
 * down1 = avgpool2 → double_conv(w, 2w)           x2
 * down2 = avgpool2 → double_conv(2w, 4w)          x3
 * down3 = avgpool2 → double_conv(4w, 8w)          x4
 * up1   = double_conv(12w, 4w)(cat[x3, up(x4)])
 * up2   = double_conv(6w, 2w)(cat[x2, up(..)])
 * up3   = double_conv(3w, w)(cat[x1, up(..)])
 * outc  = conv1×1 (bias) w → C → BN → tanh
 * </pre>
 *
 * where {@code up} is bilinear ×2 upsampling with {@code align_corners=True} ({@link
 * BilinearUpsampling}), zero-padded to the skip's size when that is odd. With {@code w = 64} and
 * three channels it has exactly 7,788,681 parameters. The output has the input's shape and lies in
 * (−1, 1); the caller scales it by the budget ε.
 */
public final class UNetGenerator extends AbstractBlock {
    /** The published base width. */
    public static final int DEFAULT_BASE_WIDTH = 64;

    private static final byte VERSION = 1;

    private final int channels;
    private final int baseWidth;
    private final Block inc;
    private final Block down1;
    private final Block down2;
    private final Block down3;
    private final Block up1;
    private final Block up2;
    private final Block up3;
    private final Block outc;

    private UNetGenerator(int channels, int baseWidth) {
        super(VERSION);
        this.channels = channels;
        this.baseWidth = baseWidth;
        int w = baseWidth;
        inc = addChildBlock("inc", doubleConv(w));
        down1 = addChildBlock("down1", down(2 * w));
        down2 = addChildBlock("down2", down(4 * w));
        down3 = addChildBlock("down3", down(8 * w));
        up1 = addChildBlock("up1", doubleConv(4 * w));
        up2 = addChildBlock("up2", doubleConv(2 * w));
        up3 = addChildBlock("up3", doubleConv(w));
        outc = addChildBlock("outc", new SequentialBlock()
                .add(Layers.conv(channels, 1, 1, true))
                .add(Layers.batchNorm())
                .add(Activation.tanhBlock()));
    }

    /**
     * Builds an uninitialised generator for images with {@code channels} channels and the given base
     * width (64 in the paper; 16 is a CPU-scale choice).
     */
    public static UNetGenerator build(int channels, int baseWidth) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be positive, got " + channels);
        }
        if (baseWidth < 1) {
            throw new IllegalArgumentException("base width must be positive, got " + baseWidth);
        }
        return new UNetGenerator(channels, baseWidth);
    }

    /** The published generator for RGB images: base width 64. */
    public static UNetGenerator build() {
        return build(3, DEFAULT_BASE_WIDTH);
    }

    /** Image channels in and out. */
    public int channels() {
        return channels;
    }

    /** Channel count of the first stage (64 in the paper). */
    public int baseWidth() {
        return baseWidth;
    }

    private static SequentialBlock doubleConv(int out) {
        return new SequentialBlock()
                .add(Layers.convBnRelu(out, 3, 1, true))
                .add(Layers.convBnRelu(out, 3, 1, true));
    }

    private static SequentialBlock down(int out) {
        return new SequentialBlock()
                .add(Pool.avgPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(doubleConv(out));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        checkInput(x.getShape());
        NDArray x1 = inc.forward(parameterStore, new NDList(x), training, params).singletonOrThrow();
        NDArray x2 = down1.forward(parameterStore, new NDList(x1), training, params).singletonOrThrow();
        NDArray x3 = down2.forward(parameterStore, new NDList(x2), training, params).singletonOrThrow();
        NDArray x4 = down3.forward(parameterStore, new NDList(x3), training, params).singletonOrThrow();
        NDArray u = upAndMerge(up1, x4, x3, parameterStore, training, params);
        u = upAndMerge(up2, u, x2, parameterStore, training, params);
        u = upAndMerge(up3, u, x1, parameterStore, training, params);
        return outc.forward(parameterStore, new NDList(u), training, params);
    }

    private static NDArray upAndMerge(Block conv, NDArray deep, NDArray skip, ParameterStore parameterStore,
            boolean training, PairList<String, Object> params) {
        Shape skipShape = skip.getShape();
        NDArray upsampled = BilinearUpsampling.upsample2x(deep, skipShape.get(2), skipShape.get(3));
        NDArray merged = skip.concat(upsampled, 1);
        return conv.forward(parameterStore, new NDList(merged), training, params).singletonOrThrow();
    }

    private void checkInput(Shape shape) {
        if (shape.dimension() != 4 || shape.get(1) != channels) {
            throw new IllegalArgumentException(
                    "the generator expects (N, " + channels + ", H, W) images, got " + shape);
        }
        if (shape.get(2) < 8 || shape.get(3) < 8) {
            throw new IllegalArgumentException("the generator needs images of at least 8×8 pixels, got " + shape);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), channels, in.get(2), in.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        checkInput(in);
        Shape s1 = initChild(inc, manager, dataType, in);
        Shape s2 = initChild(down1, manager, dataType, s1);
        Shape s3 = initChild(down2, manager, dataType, s2);
        Shape s4 = initChild(down3, manager, dataType, s3);
        Shape u = initChild(up1, manager, dataType, merged(s3, s4));
        u = initChild(up2, manager, dataType, merged(s2, u));
        u = initChild(up3, manager, dataType, merged(s1, u));
        initChild(outc, manager, dataType, u);
    }

    private static Shape initChild(Block child, NDManager manager, DataType dataType, Shape in) {
        child.initialize(manager, dataType, in);
        return child.getOutputShapes(new Shape[] {in})[0];
    }

    /** The shape of cat[skip, up(deep)] along channels. */
    private static Shape merged(Shape skip, Shape deep) {
        return new Shape(skip.get(0), skip.get(1) + deep.get(1), skip.get(2), skip.get(3));
    }

    @Override
    public String toString() {
        return "UNetGenerator(channels=" + channels + ", baseWidth=" + baseWidth + ")";
    }
}

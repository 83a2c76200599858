package ai.gue.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InitializationTest {
    private static final Shape BATCH = new Shape(2, 3, 16, 16);

    @Test
    void weightsAndBiasesFollowPytorchDefaults() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Initialization.initialize(ClassifierArch.VGG16_BN.build(10, 0.125), manager, new Shape(1, 3, 32, 32));
            int checked = 0;
            for (Pair<String, Parameter> entry : block.getParameters()) {
                Parameter p = entry.getValue();
                NDArray a = p.getArray();
                switch (p.getType()) {
                    case WEIGHT, BIAS -> {
                        // the bias bound is the bound of its layer's weight: fan-in of that weight
                        long fanIn = fanInOfLayer(block, entry.getKey());
                        float bound = (float) (1 / Math.sqrt(fanIn));
                        float max = a.abs().max().getFloat();
                        assertTrue(max <= bound, entry.getKey() + " max " + max + " > " + bound);
                        if (a.size() >= 64) {
                            assertTrue(max > 0.8f * bound, entry.getKey() + " looks too narrow: " + max + " vs " + bound);
                        }
                        checked++;
                    }
                    case GAMMA, RUNNING_VAR -> assertEquals(a.size(), a.sum().getFloat(), 0f, entry.getKey());
                    case BETA, RUNNING_MEAN -> assertEquals(0f, a.abs().sum().getFloat(), 0f, entry.getKey());
                    default -> { }
                }
            }
            assertEquals(2 * 14, checked, "13 convs and 1 linear layer, each with weight and bias");
        }
    }

    private static long fanInOfLayer(Block block, String parameterKey) {
        String prefix = parameterKey.substring(0, parameterKey.lastIndexOf('_'));
        for (Pair<String, Parameter> entry : block.getParameters()) {
            if (entry.getKey().equals(prefix + "_weight")) {
                Shape s = entry.getValue().getShape();
                return s.size() / s.get(0);
            }
        }
        throw new AssertionError("no weight next to " + parameterKey);
    }

    @Test
    void sameSeedGivesIdenticalParameters() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] first = initialParameters(manager, 7);
            float[] again = initialParameters(manager, 7);
            float[] other = initialParameters(manager, 8);
            assertArrayEquals(first, again, 0f);
            assertFalse(java.util.Arrays.equals(first, other));
        }
    }

    private static float[] initialParameters(NDManager manager, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        UNetGenerator generator = Initialization.initialize(UNetGenerator.build(3, 2), manager, BATCH);
        List<NDArray> arrays = new ArrayList<>();
        for (Pair<String, Parameter> entry : generator.getParameters()) {
            arrays.add(entry.getValue().getArray().flatten());
        }
        return ai.djl.ndarray.NDArrays.concat(new NDList(arrays)).toFloatArray();
    }

    @Test
    void gradientsReachEveryLearnableParameter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Initialization.initialize(ClassifierArch.RESNET18.build(10, 0.0625), manager, BATCH);
            try (NDManager step = manager.newSubManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = block.forward(new ParameterStore(step, false),
                        new NDList(step.randomUniform(0, 1, BATCH)), true).singletonOrThrow();
                collector.backward(logits.square().sum());
            }
            for (Pair<String, Parameter> entry : block.getParameters()) {
                if (!ParameterCounter.isBuffer(entry.getValue())) {
                    NDArray grad = entry.getValue().getArray().getGradient();
                    assertTrue(grad.abs().sum().getFloat() > 0, entry.getKey() + " has no gradient");
                }
            }
        }
    }
}

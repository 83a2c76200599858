package ai.gue.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.gue.model.ClassifierArch;
import ai.gue.model.Initialization;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Gradients#inputOnly}: a backward pass without the weights gives the input the same gradient, bit for
 * bit, leaves the weights' gradients alone, and the weights take gradients again once it is closed.
 */
class GradientsTest {

    @Test
    void aBackwardPassWithoutTheWeightsGivesTheInputTheSameGradientAndLeavesTheWeightsAlone() {
        Engine.getInstance().setRandomSeed(11);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(6, 3, 32, 32);
            Block model = ClassifierArch.FASTNET.build(10, 0.125); // convolutions, BatchNorm, a linear head
            Initialization.initialize(model, manager, shape);
            NDArray images = manager.randomUniform(0f, 1f, shape);
            NDArray labels = manager.create(new int[] {0, 1, 2, 3, 4, 5});
            for (boolean training : new boolean[] {false, true}) {
                Gradients.clear(model);
                float[] withWeights = inputGradient(model, manager, images, labels, training);
                List<float[]> weightGradients = weightGradients(model);
                assertTrue(weightGradients.stream().anyMatch(g -> sumAbs(g) > 0),
                        "the ordinary pass gives the weights gradients");
                float[] inputOnly;
                try (Gradients.InputOnly off = Gradients.inputOnly(model)) {
                    try (Gradients.InputOnly nested = Gradients.inputOnly(model)) {
                        inputGradient(model, manager, images, labels, training);
                    }
                    // still suspended after the nested call closed
                    inputOnly = inputGradient(model, manager, images, labels, training);
                }
                assertArrayEquals(withWeights, inputOnly, "training mode " + training + ": the same input gradient");
                assertTrue(sumAbs(withWeights) > 0);
                List<float[]> after = weightGradients(model);
                for (int i = 0; i < after.size(); i++) {
                    assertArrayEquals(weightGradients.get(i), after.get(i),
                            "the weights' gradients are left as they were (parameter " + i + ")");
                }
                Gradients.clear(model);
                inputGradient(model, manager, images, labels, training);
                assertTrue(weightGradients(model).stream().anyMatch(g -> sumAbs(g) > 0),
                        "closed: the weights take gradients again");
            }
        }
    }

    private static float[] inputGradient(Block model, NDManager manager, NDArray images, NDArray labels,
            boolean training) {
        try (NDManager pass = manager.newSubManager()) {
            NDArray input = images.duplicate();
            input.attach(pass);
            input.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = model.forward(new ParameterStore(pass, false), new NDList(input), training)
                        .singletonOrThrow();
                collector.backward(CrossEntropy.smoothed(logits, labels, 10, 0));
            }
            return input.getGradient().toFloatArray();
        }
    }

    private static List<float[]> weightGradients(Block model) {
        List<float[]> gradients = new ArrayList<>();
        model.getParameters().forEach(p -> {
            if (p.getValue().requiresGradient()) {
                gradients.add(p.getValue().getArray().getGradient().toFloatArray());
            }
        });
        assertEquals(false, gradients.isEmpty());
        return gradients;
    }

    private static double sumAbs(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += Math.abs(v);
        }
        return sum;
    }
}

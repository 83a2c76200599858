package ai.gue.game;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.gue.attack.Budget;
import ai.gue.attack.GeneratorPoison;
import ai.gue.model.ClassifierArch;
import ai.gue.model.Initialization;
import ai.gue.model.UNetGenerator;
import ai.gue.testing.NativeMemoryChurn;
import ai.gue.util.GraphScalars;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Every differentiable path gue builds gives the same gradient whether or not the garbage collector
 * runs between its forward and backward pass (forced, with the freed native blocks overwritten):
 * no autograd graph of ours reads memory that a closed DJL array's Java buffer owned (see
 * {@link GraphScalars} for the DJL hazard this guards against).
 */
class GradientsSurviveGarbageCollectionTest {

    @Test
    void graphScalarsGiveTheRightGradientAndKeepTheArraysType() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {-2f, -0.5f, 0.5f, 3f});
            float[] timesGradient = inputGradient(manager, x, (m, in) -> GraphScalars.times(in, 3.0).sum(), true);
            assertArrayEquals(new float[] {3f, 3f, 3f, 3f}, timesGradient, 0f);
            float[] floorGradient = inputGradient(manager, x, (m, in) -> GraphScalars.atLeast(in, 0).sum(), true);
            assertArrayEquals(new float[] {0f, 0f, 1f, 1f}, floorGradient, 0f);
            assertArrayEquals(x.mul(3.0).toFloatArray(), GraphScalars.times(x, 3.0).toFloatArray(), 0f);
            assertArrayEquals(x.maximum(0f).toFloatArray(), GraphScalars.atLeast(x, 0).toFloatArray(), 0f);
            NDArray scalar = manager.create(2f); // a 0-dimensional float loss stays float32
            assertEquals(DataType.FLOAT32, GraphScalars.times(scalar, 0.5).getDataType());
            assertEquals(DataType.FLOAT32, GraphScalars.times(x, 0.5).getDataType());
        }
    }

    @Test
    void everyClassifierArchitecture() {
        for (ClassifierArch arch : ClassifierArch.values()) {
            Engine.getInstance().setRandomSeed(5);
            try (NDManager manager = NDManager.newBaseManager()) {
                Shape shape = new Shape(2, 3, 32, 32);
                Block network = Initialization.initialize(arch.build(10, 0.125), manager, shape);
                NDArray images = manager.randomUniform(0f, 1f, shape);
                NDArray weights = manager.randomNormal(new Shape(2, 10));
                BiFunction<NDManager, NDArray, NDArray> loss = (m, in) -> network
                        .forward(new ParameterStore(m, false), new NDList(in), true).singletonOrThrow()
                        .mul(weights).sum();
                float[] quiet = inputGradient(manager, images, loss, false);
                float[] churned = inputGradient(manager, images, loss, true);
                assertArrayEquals(quiet, churned, 1e-6f, arch.cliName());
            }
        }
    }

    @Test
    void theGeneratorsPoison() {
        Engine.getInstance().setRandomSeed(6);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, 3, 16, 16);
            GeneratorPoison poison = new GeneratorPoison(
                    Initialization.initialize(UNetGenerator.build(3, 4), manager, shape), Budget.linf(8));
            NDArray images = manager.randomUniform(0.2f, 0.8f, shape);
            NDArray weights = manager.randomNormal(shape);
            BiFunction<NDManager, NDArray, NDArray> loss = (m, in) -> poison
                    .perturbation(new ParameterStore(m, false), in, true).mul(weights).sum();
            assertArrayEquals(inputGradient(manager, images, loss, false), inputGradient(manager, images, loss, true),
                    1e-6f);
        }
    }

    @Test
    void thePayoffsAndTradesLoss() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.create(new float[] {2f, -1f, 0.5f, 0.3f, 0.2f, 1.5f}, new Shape(2, 3));
            NDArray labels = manager.create(new int[] {1, 2});
            for (PayoffKind payoff : PayoffKind.values()) {
                BiFunction<NDManager, NDArray, NDArray> loss = (m, in) -> payoff.evaluate(in, labels);
                assertArrayEquals(inputGradient(manager, logits, loss, false), inputGradient(manager, logits, loss, true),
                        1e-6f, payoff.cliName());
            }
            // TRADES: CE(h(x'), y) + β·KL; with the identity as "classifier", the input gradient is the logits'.
            Block identity = new ai.djl.nn.LambdaBlock(list -> list);
            NDArray delta = manager.create(new float[] {0.1f, 0f, -0.1f, 0f, 0.05f, 0f}, new Shape(2, 3));
            FollowerObjective.FollowerLoss trades = TradesObjective.withPerturbation(identity, labels, delta, 2.0);
            BiFunction<NDManager, NDArray, NDArray> loss = (m, in) -> trades.of(new ParameterStore(m, false), in);
            NDArray inUnit = logits.div(10).add(0.5f); // in [0, 1], as the TRADES clip expects
            assertArrayEquals(inputGradient(manager, inUnit, loss, false), inputGradient(manager, inUnit, loss, true),
                    1e-6f, "TRADES");
        }
    }

    /** d loss / d input, with an optional forced collection between the forward and backward pass. */
    private static float[] inputGradient(NDManager manager, NDArray input,
            BiFunction<NDManager, NDArray, NDArray> loss, boolean churn) {
        try (NDManager pass = manager.newSubManager()) {
            NDArray x = input.duplicate();
            x.attach(pass);
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray value = loss.apply(pass, x);
                if (churn) {
                    NativeMemoryChurn.collectAndOverwrite();
                }
                collector.backward(value);
            }
            return x.getGradient().toFloatArray();
        }
    }
}

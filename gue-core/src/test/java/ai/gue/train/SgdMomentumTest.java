package ai.gue.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SGD against PyTorch's update rule computed by hand on a linear layer with known gradients. */
class SgdMomentumTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void twoStepsMatchTorchSgdByHand(boolean nesterov) {
        double lr = 0.1;
        double momentum = 0.9;
        double wd = 0.01;
        float[] input = {1f, 2f, -1f, 0.5f, 0f, 3f}; // batch of 2, 3 features
        // loss = sum(W x + b) over the batch: dL/dW = column sums of x, dL/db = batch size.
        double[] gradW = {1.5, 2.0, 2.0};
        double gradB = 2.0;
        Engine.getInstance().setRandomSeed(5);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block linear = Linear.builder().setUnits(1).build();
            linear.initialize(manager, DataType.FLOAT32, new Shape(2, 3));
            NDArray weight = linear.getParameters().get("weight").getArray();
            NDArray bias = linear.getParameters().get("bias").getArray();
            double[] w = toDouble(weight.toFloatArray());
            double b = bias.toFloatArray()[0];
            double[] bufW = new double[3];
            double bufB = 0;
            try (SgdMomentum sgd = new SgdMomentum(linear.getParameters(), manager, momentum, wd, nesterov)) {
                assertEquals(2, sgd.tensorCount());
                sgd.zeroGradients();
                for (int step = 0; step < 2; step++) {
                    try (NDManager s = manager.newSubManager()) {
                        NDArray x = s.create(input, new Shape(2, 3));
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray out = linear.forward(new ParameterStore(s, false), new NDList(x), true)
                                    .singletonOrThrow();
                            gc.backward(out.sum());
                        }
                    }
                    sgd.step(lr);
                    for (int k = 0; k < 3; k++) {
                        double d = gradW[k] + wd * w[k];
                        bufW[k] = step == 0 ? d : momentum * bufW[k] + d;
                        w[k] -= lr * (nesterov ? d + momentum * bufW[k] : bufW[k]);
                    }
                    double d = gradB + wd * b;
                    bufB = step == 0 ? d : momentum * bufB + d;
                    b -= lr * (nesterov ? d + momentum * bufB : bufB);
                    assertArrayEquals(w, toDouble(weight.toFloatArray()), 1e-5, "weight after step " + step);
                    assertEquals(b, bias.toFloatArray()[0], 1e-5, "bias after step " + step);
                    try (NDArray grad = weight.getGradient()) {
                        assertEquals(0f, grad.abs().sum().getFloat(), "gradient cleared after the step");
                    }
                }
            }
        }
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}

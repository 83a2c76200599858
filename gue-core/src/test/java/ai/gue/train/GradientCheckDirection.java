package ai.gue.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The direction the gradient tests compare analytic and finite-difference derivatives along. */
public final class GradientCheckDirection {

    private GradientCheckDirection() {}

    /**
     * (g + r)/‖g + r‖ with r a random vector as long as g: a direction along which the function
     * changes enough for float32 differences, yet not the gradient itself.
     */
    public static List<NDArray> mixed(NDManager manager, ParameterArrays arrays, List<NDArray> gradient, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double gradientNorm = Math.sqrt(ParameterArrays.inner(gradient, gradient));
        List<double[]> raw = new ArrayList<>();
        double randomSquares = 0;
        for (NDArray w : arrays.trainable()) {
            double[] values = new double[(int) w.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
                        * Math.cos(2 * Math.PI * random.nextDouble());
                randomSquares += values[i] * values[i];
            }
            raw.add(values);
        }
        double scale = gradientNorm / Math.sqrt(randomSquares);
        List<double[]> combined = new ArrayList<>();
        double squares = 0;
        for (int k = 0; k < raw.size(); k++) {
            float[] g = gradient.get(k).toFloatArray();
            double[] c = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                c[i] = g[i] + scale * raw.get(k)[i];
                squares += c[i] * c[i];
            }
            combined.add(c);
        }
        List<NDArray> direction = new ArrayList<>();
        for (int k = 0; k < combined.size(); k++) {
            float[] unit = new float[combined.get(k).length];
            for (int i = 0; i < unit.length; i++) {
                unit[i] = (float) (combined.get(k)[i] / Math.sqrt(squares));
            }
            direction.add(manager.create(unit, arrays.trainable().get(k).getShape()));
        }
        return direction;
    }

}

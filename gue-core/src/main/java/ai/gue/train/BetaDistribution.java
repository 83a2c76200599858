package ai.gue.train;

import java.util.random.RandomGenerator;

/**
 * Draws from Beta(α, α), the distribution of mixup's and CutMix's mixing weight, as X / (X + Y)
 * with X, Y ~ Gamma(α) independent; Gamma by Marsaglia and Tsang's method ("A simple method for
 * generating gamma variables", ACM TOMS 2000), with the boost Gamma(α) = Gamma(α + 1)·U^(1/α) for α < 1.
 */
final class BetaDistribution {

    private BetaDistribution() {}

    /** One draw from Beta(alpha, alpha), alpha > 0. */
    static double symmetric(RandomGenerator random, double alpha) {
        double x = gamma(random, alpha);
        double y = gamma(random, alpha);
        return x + y == 0 ? 0.5 : x / (x + y);
    }

    static double gamma(RandomGenerator random, double shape) {
        if (shape < 1) {
            return gamma(random, shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = random.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}

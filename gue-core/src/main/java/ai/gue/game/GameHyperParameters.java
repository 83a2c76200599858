package ai.gue.game;

/**
 * The numbers of one BOME step (defaults: the authors').
 *
 * @param payoff                the leader's payoff
 * @param eta                   η of the barrier multiplier (1.5)
 * @param innerSteps            T, Adam steps of the throw-away follower per batch (10)
 * @param innerLearningRate     Adam learning rate of the inner loop (1e-4)
 * @param generatorLearningRate SGD learning rate of the generator, applied to λ·∇_a q (0.1)
 * @param followerLearningRate  SGD learning rate of the live follower (0.01)
 * @param implementation        how the step spends compute
 */
public record GameHyperParameters(PayoffKind payoff, double eta, int innerSteps, double innerLearningRate,
        double generatorLearningRate, double followerLearningRate, GameImplementation implementation) {

    /** The authors' values. */
    public static GameHyperParameters authors() {
        return new GameHyperParameters(PayoffKind.MAX_WRONG_CE, 1.5, 10, 1e-4, 0.1, 0.01, GameImplementation.SHARED);
    }

    public GameHyperParameters {
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("η must be a positive number, got " + eta);
        }
        if (innerSteps < 1) {
            throw new IllegalArgumentException("T (inner steps) must be at least 1, got " + innerSteps);
        }
        for (double rate : new double[] {innerLearningRate, generatorLearningRate, followerLearningRate}) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("learning rates must be positive numbers, got " + rate);
            }
        }
    }
}

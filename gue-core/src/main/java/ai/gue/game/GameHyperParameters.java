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
 * @param setting               the follower's loss: plain CE or TRADES ({@link GameSetting})
 * @param tradesBeta            TRADES β (1; adversarial setting only)
 * @param pgdRadius             PGD's L∞ radius on the [0, 1] scale (4/255; adversarial setting only)
 * @param pgdSteps              PGD steps (10; adversarial setting only)
 * @param generatorMomentum     the generator's SGD momentum (0 standard, 0.9 adversarial)
 * @param generatorWeightDecay  the generator's weight decay (0 standard, 5e-4 adversarial)
 * @param generatorOptimizer    the generator's optimiser (SGD, the authors'; Adam is a deviation)
 */
public record GameHyperParameters(PayoffKind payoff, double eta, int innerSteps, double innerLearningRate,
        double generatorLearningRate, double followerLearningRate, GameImplementation implementation,
        GameSetting setting, double tradesBeta, double pgdRadius, int pgdSteps, double generatorMomentum,
        double generatorWeightDecay, GeneratorOptimizerKind generatorOptimizer) {

    /** TRADES β of the authors' adversarial setting. */
    public static final double AUTHORS_TRADES_BETA = 1.0;
    /** PGD radius of the authors' adversarial setting, 4/255. */
    public static final double AUTHORS_PGD_RADIUS = 4 / 255.0;
    /** PGD steps of the authors' adversarial setting. */
    public static final int AUTHORS_PGD_STEPS = 10;

    /** The authors' values (standard setting). */
    public static GameHyperParameters authors() {
        return new GameHyperParameters(PayoffKind.MAX_WRONG_CE, 1.5, 10, 1e-4, 0.1, 0.01, GameImplementation.SHARED);
    }

    /** The authors' adversarial-training setting ({@code gue_adv.py}). */
    public static GameHyperParameters authorsAdversarial() {
        return new GameHyperParameters(PayoffKind.MAX_WRONG_CE, 1.5, 10, 1e-4, 0.1, 0.01, GameImplementation.SHARED,
                GameSetting.ADVERSARIAL, AUTHORS_TRADES_BETA, AUTHORS_PGD_RADIUS, AUTHORS_PGD_STEPS, 0.9, 5e-4,
                GeneratorOptimizerKind.SGD);
    }

    /** The standard setting: plain CE follower, plain SGD generator (the TRADES numbers are unused). */
    public GameHyperParameters(PayoffKind payoff, double eta, int innerSteps, double innerLearningRate,
            double generatorLearningRate, double followerLearningRate, GameImplementation implementation) {
        this(payoff, eta, innerSteps, innerLearningRate, generatorLearningRate, followerLearningRate, implementation,
                GameSetting.STANDARD, AUTHORS_TRADES_BETA, AUTHORS_PGD_RADIUS, AUTHORS_PGD_STEPS, 0, 0,
                GeneratorOptimizerKind.SGD);
    }

    public GameHyperParameters {
        if (payoff == null || implementation == null || setting == null || generatorOptimizer == null) {
            throw new IllegalArgumentException("payoff, implementation, setting and generatorOptimizer must be given");
        }
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
        if (!(tradesBeta >= 0) || Double.isInfinite(tradesBeta)) {
            throw new IllegalArgumentException("tradesBeta must be a number >= 0, got " + tradesBeta);
        }
        if (!(pgdRadius > 0 && pgdRadius <= 1)) {
            throw new IllegalArgumentException("pgdRadius must be in (0, 1] on the [0, 1] image scale (0 < r <= 255/255), "
                    + "got " + pgdRadius);
        }
        if (pgdSteps < 1) {
            throw new IllegalArgumentException("pgdSteps must be at least 1, got " + pgdSteps);
        }
        if (!(generatorMomentum >= 0 && generatorMomentum < 1)) {
            throw new IllegalArgumentException("generatorMomentum must be in [0, 1), got " + generatorMomentum);
        }
        if (!(generatorWeightDecay >= 0) || Double.isInfinite(generatorWeightDecay)) {
            throw new IllegalArgumentException("generatorWeightDecay must be a number >= 0, got " + generatorWeightDecay);
        }
    }

    /** The follower's loss g for this setting. */
    public FollowerObjective followerObjective() {
        return switch (setting) {
            case STANDARD -> FollowerObjective.CROSS_ENTROPY;
            case ADVERSARIAL -> new TradesObjective(tradesBeta, pgdRadius, pgdSteps);
        };
    }
}

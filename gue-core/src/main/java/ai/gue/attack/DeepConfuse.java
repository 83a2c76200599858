package ai.gue.attack;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import ai.gue.data.Subsets;
import ai.gue.model.Initialization;
import ai.gue.model.TensorShapes;
import ai.gue.model.UNetGenerator;
import ai.gue.train.Adam;
import ai.gue.train.Augmentation;
import ai.gue.train.BatchSampler;
import ai.gue.train.HostBatch;
import ai.gue.train.HostUpload;
import ai.gue.train.ParameterArrays;
import ai.gue.train.VictimTrainingConfig;
import ai.gue.util.SeedTree;
import java.util.Locale;
import java.util.Objects;

/**
 * DeepConfuse (Feng, Cai, Zhou, "Learning to Confuse: Generating Training Time Adversarial Data with
 * Auto-Encoder", NeurIPS 2019) with gue's generator: the same UNet as GUE, x' = clamp(x + ε·G(x), 0, 1)
 * ({@link GeneratorPoison}), trained so that a classifier trained on its poison does badly on clean
 * data. "Our generator, their game."
 *
 * <p>The loop follows the authors' CIFAR code ({@code CIFAR/train.py}, github.com/kingfengji/DeepConfuse):
 * two copies of the generator, a <i>trainee</i> and a <i>frozen</i> one (their {@code tgtmodel} and
 * {@code atkmodel}, the target-network device the paper borrows from Q-learning to stabilise the
 * alternation). Each round trains a freshly initialised classifier for {@code classifierEpochs}
 * passes; per mini-batch ({@link DeepConfuseStep}) the trainee takes one Adam step against the
 * classifier's one-step pseudo-update, then the classifier takes one plain SGD step on the batch
 * poisoned by the frozen generator (in inference mode). After the round the frozen generator becomes
 * a copy of the trainee. The trainee's Adam state lives across rounds, as theirs does.
 *
 * <p>The generator trains on a seeded share of the images and then poisons all of them in inference
 * mode, rounded and clamped to the budget on the stored bytes ({@link DatasetPoisoner}), like GUE:
 * it generalises to images it never saw.
 *
 * <p>Deviations, all documented: the pseudo-update's second derivative is the DARTS finite difference
 * ({@link DeepConfuseStep}), not a double backward pass; the simple one-step pseudo-update is used,
 * not the paper's memory-efficient variant that records the classifier's trajectory and replays it;
 * the authors keep the generator whose fresh victim does worst on the <i>test</i> set after each round,
 * while gue keeps the last one (no selection, so no test set is touched); the classifier is any gue
 * architecture (theirs is VGG-11 on CIFAR-10); pixels are rounded, not truncated.
 */
public final class DeepConfuse implements PoisonAttack {

    /**
     * @param generatorWidth          the UNet's base width (64 in the paper's network; 16 at CPU scale)
     * @param trainingShare           the seeded share of the images the generator trains on, in (0, 1]
     * @param rounds                  rounds of the alternation (their "epochs" of the attacker); each
     *                                starts a fresh classifier and ends by refreshing the frozen generator
     * @param classifierEpochs        passes over the share per round (their {@code clsepochs}, 20)
     * @param classifierLearningRate  α: the classifier's plain SGD rate and the pseudo-update's (0.01)
     * @param generatorLearningRate   the generator's Adam rate (1e-4)
     * @param finiteDifferenceRadius  r: how far θ moves along ±v̂ in the DARTS estimate (0.01)
     */
    public record Settings(int generatorWidth, double trainingShare, int rounds, int classifierEpochs,
            double classifierLearningRate, double generatorLearningRate, double finiteDifferenceRadius) {

        public Settings {
            if (generatorWidth < 1) {
                throw new IllegalArgumentException("DeepConfuse's generator width must be positive, got "
                        + generatorWidth);
            }
            if (!(trainingShare > 0 && trainingShare <= 1)) {
                throw new IllegalArgumentException("DeepConfuse's training share must be in (0, 1], got "
                        + trainingShare);
            }
            if (rounds < 1 || classifierEpochs < 1) {
                throw new IllegalArgumentException("DeepConfuse needs at least one round and one classifier epoch, "
                        + "got " + rounds + " and " + classifierEpochs);
            }
            requirePositive("classifier learning rate", classifierLearningRate);
            requirePositive("generator learning rate", generatorLearningRate);
            requirePositive("finite-difference radius", finiteDifferenceRadius);
        }

        private static void requirePositive(String name, double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("DeepConfuse's " + name + " must be a positive number, got "
                        + value);
            }
        }
    }

    /** Progress of the alternation, for callers that monitor it (and for tests). */
    public interface StepListener {
        /** The generator step of batch {@code step} (1-based, counted over the whole run). */
        void onGeneratorStep(int round, int step, DeepConfuseStep.ConfusionGradient metrics);
    }

    private final Budget budget;
    private final VictimTrainingConfig model;
    private final Settings settings;
    private final long seed;
    private final CraftingListener listener;
    private final StepListener stepListener;

    /**
     * @param model the classifier of the alternation: its architecture, width, batch size and
     *              evaluation batch size are read (not its optimiser, schedule or augmentation: the
     *              authors' classifier trains with plain SGD at rate α and no augmentation)
     */
    public DeepConfuse(Budget budget, VictimTrainingConfig model, Settings settings, long seed,
            CraftingListener listener) {
        this(budget, model, settings, seed, listener, (round, step, metrics) -> {});
    }

    public DeepConfuse(Budget budget, VictimTrainingConfig model, Settings settings, long seed,
            CraftingListener listener, StepListener stepListener) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.seed = seed;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.stepListener = Objects.requireNonNull(stepListener, "stepListener");
    }

    @Override
    public String name() {
        return "deepconfuse";
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT,
                "DeepConfuse (Feng et al. 2019) with gue's width-%d UNet, %s, trained on %.3g of the images: "
                        + "%d rounds of %d epochs of a fresh %s x%.3g (SGD lr %.3g, batch %d), generator Adam lr %.3g "
                        + "against the one-step pseudo-update (DARTS finite difference, r = %.3g), seed %d",
                settings.generatorWidth(), budget.describe(), settings.trainingShare(), settings.rounds(),
                settings.classifierEpochs(), model.arch(), model.widthMultiplier(), settings.classifierLearningRate(),
                model.batchSize(), settings.generatorLearningRate(), settings.finiteDifferenceRadius(), seed);
    }

    @Override
    public AttackBudget budget() {
        return AttackBudget.of(budget);
    }

    @Override
    public PoisonedDataset apply(ImageDataset clean, String name) {
        SeedTree seeds = new SeedTree(seed);
        ImageDataset share = settings.trainingShare() == 1 ? clean
                : Subsets.randomFraction(clean, settings.trainingShare(), seeds.child("share").seed()).dataset();
        if (share.size() < 2) {
            throw new IllegalArgumentException("DeepConfuse needs at least two training images, got " + share.size());
        }
        ImageShape shape = clean.shape();
        Shape batchShape = TensorShapes.batch(1, shape);
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(intSeed(seeds.child("generator-init")));
            Block traineeNetwork = Initialization.initialize(
                    UNetGenerator.build(shape.channels(), settings.generatorWidth()), manager, batchShape);
            Block frozenNetwork = Initialization.initialize(
                    UNetGenerator.build(shape.channels(), settings.generatorWidth()), manager, batchShape);
            ParameterArrays traineeArrays = new ParameterArrays(traineeNetwork);
            ParameterArrays frozenArrays = new ParameterArrays(frozenNetwork);
            frozenArrays.copyFrom(traineeArrays);
            GeneratorPoison trainee = new GeneratorPoison(traineeNetwork, budget);
            GeneratorPoison frozen = new GeneratorPoison(frozenNetwork, budget);
            int batchSize = Math.min(model.batchSize(), share.size());
            BatchSampler sampler = new BatchSampler(share, batchSize, Augmentation.NONE, true);
            int batches = sampler.batchesPerEpoch();
            int total = settings.rounds() * settings.classifierEpochs() * batches;
            int done = 0;
            HostUpload upload = new HostUpload();
            try (Adam generatorOptimizer = new Adam(traineeArrays.trainable(), manager)) {
                for (int round = 1; round <= settings.rounds(); round++) {
                    SeedTree roundSeeds = seeds.child("round/" + round);
                    try (NDManager roundManager = manager.newSubManager()) {
                        Engine.getInstance().setRandomSeed(intSeed(roundSeeds.child("classifier-init")));
                        Block classifier = Initialization.initialize(
                                model.arch().build(clean.classCount(), model.widthMultiplier()), roundManager,
                                batchShape);
                        Block probe = Initialization.initialize(
                                model.arch().build(clean.classCount(), model.widthMultiplier()), roundManager,
                                batchShape);
                        DeepConfuseStep step = new DeepConfuseStep(trainee, generatorOptimizer, classifier, probe,
                                clean.classCount(), settings.classifierLearningRate(), settings.generatorLearningRate(),
                                settings.finiteDifferenceRadius());
                        for (int epoch = 1; epoch <= settings.classifierEpochs(); epoch++) {
                            int[] order = sampler.order(roundSeeds.child("order/" + epoch).seed());
                            for (int b = 0; b < batches; b++) {
                                HostBatch host = sampler.batch(order, b, 0);
                                try (NDManager batchManager = roundManager.newSubManager()) {
                                    NDArray images = upload.floats(batchManager, host.images(),
                                            TensorShapes.batch(host.size(), shape));
                                    NDArray labels = upload.ints(batchManager, host.labels());
                                    DeepConfuseStep.ConfusionGradient metrics =
                                            step.generatorStep(batchManager, images, labels);
                                    NDArray poisoned = frozen.poison(new ParameterStore(batchManager, false), images,
                                            false);
                                    step.classifierStep(batchManager, poisoned, labels);
                                    done++;
                                    stepListener.onGeneratorStep(round, done, metrics);
                                }
                                listener.onProgress("DeepConfuse (batches)", done, total);
                            }
                        }
                    }
                    frozenArrays.copyFrom(traineeArrays); // their atkmodel.load_state_dict(tgtmodel.state_dict())
                }
            }
            listener.onProgress("DeepConfuse poisoning (images)", 0, clean.size());
            PoisonedDataset poisoned = new DatasetPoisoner(model.evalBatchSize()).apply(trainee, clean, manager, name);
            listener.onProgress("DeepConfuse poisoning (images)", clean.size(), clean.size());
            return poisoned;
        }
    }

    private static int intSeed(SeedTree node) {
        return (int) (node.seed() ^ (node.seed() >>> 32));
    }
}

package ai.gue.game;

import ai.gue.data.DatasetSplits;
import ai.gue.data.ImageDataset;
import ai.gue.data.Subset;
import ai.gue.data.Subsets;
import ai.gue.data.TrainValidationSplit;
import ai.gue.util.SeedTree;

/**
 * The images a game uses, drawn from a training set with the game's seed: a random share
 * ({@code dataFraction}) of the training set, of which a stratified share
 * ({@code validationFraction}) is held out, clean, to select the generator.
 *
 * @param gameImages       what the players train on
 * @param validation       clean held-out images for selection (empty when the fraction is 0)
 * @param gameIndices      indices of {@code gameImages} in the original training set
 * @param validationIndices indices of {@code validation} in the original training set
 */
public record GameData(ImageDataset gameImages, ImageDataset validation, int[] gameIndices, int[] validationIndices) {

    /** Draws the game's images from {@code train} as {@code config} says. */
    public static GameData prepare(ImageDataset train, GameConfig config) {
        SeedTree seeds = new SeedTree(config.seed());
        Subset share = config.dataFraction() < 1
                ? Subsets.randomFraction(train, config.dataFraction(), seeds.child("game-data").seed())
                : new Subset(train, identity(train.size()));
        if (config.validationFraction() == 0) {
            return new GameData(share.dataset(), share.dataset().select(new int[0], train.name() + "-validation"),
                    share.indices(), new int[0]);
        }
        TrainValidationSplit split = DatasetSplits.stratified(share.dataset(), config.validationFraction(),
                seeds.child("validation").seed());
        return new GameData(split.train(), split.validation(),
                Subsets.compose(share.indices(), split.trainIndices()),
                Subsets.compose(share.indices(), split.validationIndices()));
    }

    /**
     * Indices of the training images the generator never saw, among the {@code trainingImages} this
     * game's images were drawn from: neither played on nor, when the game selected its generator on
     * the held-out images ({@code selectEveryEpochs > 0}), held out (a selection keeps the generator
     * whose victim does worst on them, so they are not unseen then).
     */
    public int[] unseenIndices(int trainingImages, GameConfig config) {
        return config.selectEveryEpochs() > 0
                ? Subsets.complement(trainingImages, gameIndices, validationIndices)
                : Subsets.complement(trainingImages, gameIndices);
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}

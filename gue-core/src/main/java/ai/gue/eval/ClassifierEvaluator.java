package ai.gue.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.gue.data.ImageDataset;
import ai.gue.model.TensorShapes;
import ai.gue.train.Augmentation;
import ai.gue.train.BatchSampler;
import ai.gue.train.HostBatch;
import ai.gue.train.HostUpload;

/**
 * Clean accuracy of a classifier on a dataset: inference mode (BatchNorm running statistics), no
 * augmentation, images in dataset order.
 */
public final class ClassifierEvaluator {

    private final int batchSize;

    public ClassifierEvaluator(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("evaluation batch size must be positive, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** Evaluates {@code classifier} (already initialised, parameters in {@code manager}'s tree) on {@code dataset}. */
    public Evaluation evaluate(Block classifier, ImageDataset dataset, NDManager manager) {
        BatchSampler sampler = new BatchSampler(dataset, batchSize, Augmentation.NONE, false);
        int[] order = sampler.order(0);
        int classes = dataset.classCount();
        long[] correctPerClass = new long[classes];
        long[] totalPerClass = new long[classes];
        double lossSum = 0;
        HostUpload upload = new HostUpload();
        for (int b = 0; b < sampler.batchesPerEpoch(); b++) {
            HostBatch batch = sampler.batch(order, b, 0);
            try (NDManager step = manager.newSubManager()) {
                NDArray images = upload.floats(step, batch.images(),
                        TensorShapes.batch(batch.size(), dataset.shape()));
                NDArray labels = upload.ints(step, batch.labels());
                NDArray logits = classifier.forward(new ParameterStore(step, false), new NDList(images), false)
                        .singletonOrThrow();
                NDArray logProbabilities = logits.logSoftmax(1);
                lossSum -= logProbabilities.mul(labels.oneHot(classes)).sum().getFloat();
                long[] predicted = logits.argMax(1).toLongArray();
                for (int k = 0; k < batch.size(); k++) {
                    int label = batch.labels()[k];
                    totalPerClass[label]++;
                    if (predicted[k] == label) {
                        correctPerClass[label]++;
                    }
                }
            }
        }
        long correct = 0;
        double[] perClass = new double[classes];
        for (int c = 0; c < classes; c++) {
            correct += correctPerClass[c];
            perClass[c] = totalPerClass[c] == 0 ? Double.NaN : correctPerClass[c] / (double) totalPerClass[c];
        }
        int n = dataset.size();
        return new Evaluation(n == 0 ? Double.NaN : correct / (double) n, n == 0 ? Double.NaN : lossSum / n, n, perClass);
    }
}

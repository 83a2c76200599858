package ai.gue.eval;

import ai.gue.data.ImageDataset;
import ai.gue.train.AdversarialTraining;
import ai.gue.train.EpochMetrics;
import ai.gue.train.VictimResult;
import ai.gue.train.VictimTrainer;
import ai.gue.train.VictimTrainingConfig;
import ai.gue.train.VictimTrainingListener;
import ai.gue.util.DatasetDigest;
import ai.gue.util.RunDirectory;
import ai.gue.util.RunManifest;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation protocol as a job: train a fresh victim on a training set, measure clean test
 * accuracy every epoch, and record everything in a run directory ({@code config.yaml},
 * {@code manifest.json}, {@code result.json}, {@code epochs.csv}).
 */
public final class VictimEvaluation {

    private VictimEvaluation() {}

    /** Runs the protocol and writes its outputs into {@code run}. */
    public static VictimResult run(VictimTrainingConfig config, ImageDataset train, ImageDataset test,
            RunDirectory run, VictimTrainingListener listener) throws IOException {
        return run(config, null, train, test, run, listener);
    }

    /**
     * Runs the protocol with PGD adversarial training of the victim ({@code adversarialTraining},
     * or null for none) and writes its outputs into {@code run}.
     */
    public static VictimResult run(VictimTrainingConfig config, AdversarialTraining adversarialTraining,
            ImageDataset train, ImageDataset test, RunDirectory run, VictimTrainingListener listener)
            throws IOException {
        run.writeYaml("config.yaml", config);
        RunManifest manifest = RunManifest.start("evaluate", Map.of("victim", config.seed()),
                Map.of("train:" + train.name(), DatasetDigest.sha256(train),
                        "test:" + test.name(), DatasetDigest.sha256(test)));
        run.writeJson("manifest.json", manifest);
        VictimResult result = new VictimTrainer(config, adversarialTraining).train(train, test, listener);
        run.writeJson("result.json", result);
        run.writeText("epochs.csv", epochsCsv(result));
        run.writeJson("manifest.json", manifest.finish());
        return result;
    }

    /** One row per epoch; accuracies in [0, 1], memory in MiB. */
    public static String epochsCsv(VictimResult result) {
        StringBuilder csv = new StringBuilder(
                "epoch,train_loss,train_accuracy,test_accuracy,test_loss,learning_rate,train_seconds,"
                        + "images_per_second,resident_mib\n");
        for (EpochMetrics m : result.epochs()) {
            csv.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.8f,%.3f,%.1f,%.1f%n", m.epoch(),
                    m.trainLoss(), m.trainAccuracy(), m.testAccuracy(), m.testLoss(), m.learningRate(),
                    m.trainSeconds(), m.imagesPerSecond(), m.residentBytes() / (1024.0 * 1024.0)));
        }
        return csv.toString();
    }
}

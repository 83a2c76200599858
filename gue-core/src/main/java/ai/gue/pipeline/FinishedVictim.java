package ai.gue.pipeline;

import ai.gue.data.ImageDataset;
import ai.gue.eval.UnlearnabilityResult.SeenUnseen;
import ai.gue.train.VictimResult;
import ai.gue.train.VictimTrainingConfig;
import ai.gue.util.DatasetDigest;
import ai.gue.util.RunManifest;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A victim that an earlier invocation of the same run finished, reusable when resuming: training
 * is deterministic for a recipe and seed, so a victim trained with the same recipe on the same
 * training and test bytes (checked by their SHA-256 in its manifest) would come out the same.
 */
final class FinishedVictim {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** The GUE victim's seen/unseen measurement, next to its result. */
    static final String SEEN_UNSEEN_FILE = "seen-unseen.json";

    private FinishedVictim() {}

    /** The seen/unseen measurement stored in {@code folder}, if readable. */
    static Optional<SeenUnseen> seenUnseen(Path folder) {
        Path file = folder.resolve(SEEN_UNSEEN_FILE);
        try {
            return Files.isRegularFile(file) ? Optional.of(JSON.readValue(file.toFile(), SeenUnseen.class))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The finished result in {@code folder} if it matches {@code config}, {@code train} and {@code test}. */
    static Optional<VictimResult> find(Path folder, VictimTrainingConfig config, ImageDataset train, ImageDataset test) {
        return find(folder, config, DatasetDigest.sha256(train), DatasetDigest.sha256(test));
    }

    /**
     * The finished result in {@code folder} if it matches {@code config} and the SHA-256 digests of
     * the training and test sets (see {@link DatasetDigest}).
     */
    static Optional<VictimResult> find(Path folder, VictimTrainingConfig config, String trainDigest,
            String testDigest) {
        Path resultFile = folder.resolve("result.json");
        Path manifestFile = folder.resolve("manifest.json");
        if (!Files.isRegularFile(resultFile) || !Files.isRegularFile(manifestFile)) {
            return Optional.empty();
        }
        try {
            VictimResult earlier = JSON.readValue(resultFile.toFile(), VictimResult.class);
            RunManifest manifest = JSON.readValue(manifestFile.toFile(), RunManifest.class);
            boolean same = manifest.finished() != null && earlier.config().equals(config)
                    && digest(manifest, "train:").equals(trainDigest)
                    && digest(manifest, "test:").equals(testDigest);
            return same ? Optional.of(earlier) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable leftovers are retrained, never trusted
        }
    }

    private static String digest(RunManifest manifest, String prefix) {
        return manifest.inputs().entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .map(Map.Entry::getValue).findFirst().orElse("");
    }
}

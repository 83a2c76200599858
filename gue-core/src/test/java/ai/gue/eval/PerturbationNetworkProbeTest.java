package ai.gue.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The network probe sees a shortcut that no linear map can, and encodes perturbations faithfully. */
class PerturbationNetworkProbeTest {

    @Test
    void perturbationImagesKeepSignAndRelativeSize() {
        ImageShape shape = new ImageShape(1, 1, 3);
        ImageDataset clean = new ImageDataset("c", shape, new byte[] {100, 100, 100}, new int[] {0}, List.of("a"));
        ImageDataset poisoned = new ImageDataset("p", shape, new byte[] {104, 96, 102}, new int[] {0}, List.of("a"));
        byte[] images = PerturbationNetworkProbe.perturbationImages(clean, poisoned, "d").pixels();
        assertEquals(255, images[0] & 0xFF);
        assertEquals(1, images[1] & 0xFF);
        assertEquals(128 + 64, images[2] & 0xFF); // 2·127/4 = 63.5 rounds to 64
        assertThrows(IllegalArgumentException.class, () -> PerturbationNetworkProbe.perturbationImages(clean,
                new ImageDataset("q", shape, new byte[6], new int[] {0, 0}, List.of("a")), "x"));
    }

    /**
     * Class c's perturbation is a stripe texture (vertical, horizontal, checkerboard) times a random
     * sign per image: the class means are zero, so a linear classifier is at chance, while a
     * convolutional network tells the textures apart, as it tells AR processes apart.
     */
    @Test
    void theNetworkSeesASignFlippedTextureThatTheLinearProbeCannot() {
        SplittableRandom random = new SplittableRandom(1);
        int n = 600;
        byte[] clean = new byte[n * 3072];
        byte[] poisoned = new byte[n * 3072];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            int sign = random.nextBoolean() ? 1 : -1;
            for (int ch = 0; ch < 3; ch++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        int k = i * 3072 + (ch * 32 + y) * 32 + x;
                        int base = 64 + random.nextInt(128);
                        int texture = switch (labels[i]) {
                            case 0 -> x % 2 == 0 ? 1 : -1;
                            case 1 -> y % 2 == 0 ? 1 : -1;
                            default -> (x + y) % 2 == 0 ? 1 : -1;
                        };
                        clean[k] = (byte) base;
                        poisoned[k] = (byte) (base + 8 * sign * texture);
                    }
                }
            }
        }
        List<String> names = List.of("a", "b", "c");
        ImageDataset cleanSet = new ImageDataset("clean", ImageShape.CIFAR, clean, labels, names);
        ImageDataset poisonedSet = new ImageDataset("textures", ImageShape.CIFAR, poisoned, labels, names);
        double linear;
        try (NDManager manager = NDManager.newBaseManager()) {
            linear = new PerturbationSeparability(PerturbationSeparability.Config.defaults(0))
                    .measure(cleanSet, poisonedSet, manager).linearAccuracy();
        }
        PerturbationNetworkProbe.Result network = new PerturbationNetworkProbe(
                new PerturbationNetworkProbe.Config(0.2, 4, 0)).measure(cleanSet, poisonedSet);
        assertEquals(120, network.heldOutImages());
        assertTrue(linear < 0.6, "a sign-flipped texture has zero class mean: linear " + linear);
        assertTrue(network.accuracy() > 0.9, "the network sees the textures: " + network.accuracy());
        double reference = new PerturbationNetworkProbe(new PerturbationNetworkProbe.Config(0.2, 4, 0))
                .measureCleanReference(cleanSet).accuracy();
        assertTrue(reference < 0.6, "the clean images carry no class here, so the reference is near chance: "
                + reference);
    }
}

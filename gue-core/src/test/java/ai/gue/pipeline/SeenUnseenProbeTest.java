package ai.gue.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class SeenUnseenProbeTest {

    @Test
    void unseenAreTheImagesNeitherPlayedOnNorHeldOut() {
        assertArrayEquals(new int[] {0, 3, 5}, SeenUnseenProbe.unseenIndices(6, new int[] {4, 1}, new int[] {2}));
        assertArrayEquals(new int[0], SeenUnseenProbe.unseenIndices(2, new int[] {0}, new int[] {1}));
    }
}

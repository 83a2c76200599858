package ai.gue.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.gue.data.ImageDataset;
import ai.gue.game.GameData;
import org.junit.jupiter.api.Test;

class SeenUnseenProbeTest {

    @Test
    void heldOutImagesAreUnseenUnlessTheGameSelectedOnThem() {
        ImageDataset unread = null; // the rule reads only the indices
        GameData data = new GameData(unread, unread, new int[] {4, 1}, new int[] {2});
        assertArrayEquals(new int[] {0, 3, 5}, SeenUnseenProbe.unseenIndices(6, data, true));
        assertArrayEquals(new int[] {0, 2, 3, 5}, SeenUnseenProbe.unseenIndices(6, data, false));
    }
}

package ai.gue.game;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.config.Presets;
import ai.gue.data.ImageDataset;
import org.junit.jupiter.api.Test;

class GameDataTest {

    @Test
    void heldOutImagesAreUnseenUnlessTheGameSelectedOnThem() {
        ImageDataset unread = null; // the rule reads only the indices
        GameData data = new GameData(unread, unread, new int[] {4, 1}, new int[] {2});
        GameConfig selecting = Presets.game("paper");
        GameConfig notSelecting = Presets.game("cpu");
        assertTrue(selecting.selectEveryEpochs() > 0);
        assertEquals(0, notSelecting.selectEveryEpochs());
        assertArrayEquals(new int[] {0, 3, 5}, data.unseenIndices(6, selecting));
        assertArrayEquals(new int[] {0, 2, 3, 5}, data.unseenIndices(6, notSelecting));
    }
}

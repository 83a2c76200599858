package ai.gue.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPresetTest {

    @Test
    void shippedRunPresetsNameShippedGameAndVictimPresets() {
        for (String name : Presets.RUN_PRESETS) {
            RunPreset preset = Presets.run(name);
            assertEquals(name, preset.game());
            assertTrue(Presets.VICTIM_PRESETS.contains(preset.victim()), preset.victim());
            Presets.game(preset.game());
            Presets.victim(preset.victim());
        }
    }

    @Test
    void relativeFilesAreResolvedAgainstThePresetsFolder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, "game: tiny-game.yaml\nvictim: paper\n");
        RunPreset preset = Presets.run(file.toString());
        assertEquals(dir.resolve("tiny-game.yaml").toAbsolutePath().toString(), preset.game());
        assertEquals("paper", preset.victim());
    }

    @Test
    void missingOrUnknownFieldsAreClearErrors(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.yaml");
        Files.writeString(missing, "game: cpu\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Presets.run(missing.toString()));
        assertTrue(e.getMessage().contains("missing.yaml") && e.getMessage().contains("victim"), e.getMessage());
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, "game: cpu\nvictim: cpu\nvictims: cpu\n");
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> Presets.run(typo.toString()));
        assertTrue(t.getMessage().contains("victims"), t.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Presets.run("gpu"));
        assertTrue(unknown.getMessage().contains("unknown run preset 'gpu'"), unknown.getMessage());
    }
}

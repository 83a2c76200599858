package ai.gue.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.model.ClassifierArch;
import ai.gue.train.LrSchedule;
import ai.gue.train.VictimTrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresetsTest {

    @Test
    void shippedPresetsLoad() {
        VictimTrainingConfig paper = Presets.victim("paper");
        assertEquals(ClassifierArch.RESNET18, paper.arch());
        assertEquals(100, paper.epochs());
        assertEquals(List.of(75, 90), paper.milestones());
        assertEquals(LrSchedule.MULTISTEP, paper.schedule());
        assertEquals(0.01, paper.learningRate());
        VictimTrainingConfig cpu = Presets.victim("cpu");
        assertEquals(ClassifierArch.FASTNET, cpu.arch());
        for (String name : Presets.VICTIM_PRESETS) {
            assertTrue(Presets.victim(name).epochs() > 0, name);
        }
    }

    @Test
    void aPresetRoundTripsThroughYaml(@TempDir Path dir) throws Exception {
        VictimTrainingConfig cpu = Presets.victim("cpu");
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, Presets.toYaml(cpu));
        assertEquals(cpu, Presets.victim(file.toString()));
    }

    @Test
    void unknownNamesFieldsAndBadValuesAreClearErrors(@TempDir Path dir) throws Exception {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Presets.victim("fast"));
        assertTrue(unknown.getMessage().contains("cpu, cpu-short, paper, apbench"), unknown.getMessage());

        String yaml = Presets.toYaml(Presets.victim("cpu"));
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, yaml.replace("learningRate", "learningrate"));
        IllegalArgumentException field = assertThrows(IllegalArgumentException.class, () -> Presets.victim(typo.toString()));
        assertTrue(field.getMessage().contains("typo.yaml")
                && field.getMessage().toLowerCase(java.util.Locale.ROOT).contains("learningrate"),
                field.getMessage());

        Path negative = dir.resolve("negative.yaml");
        Files.writeString(negative, yaml.replaceAll("learningRate: .*", "learningRate: -0.5"));
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
                () -> Presets.victim(negative.toString()));
        assertTrue(value.getMessage().contains("learning rate"), value.getMessage());

        Path arch = dir.resolve("arch.yaml");
        Files.writeString(arch, yaml.replaceAll("arch: .*", "arch: \"resnet9000\""));
        IllegalArgumentException archError = assertThrows(IllegalArgumentException.class,
                () -> Presets.victim(arch.toString()));
        assertTrue(archError.getMessage().contains("resnet9000"), archError.getMessage());
    }
}

package ai.gue.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.data.CifarBinaryFormat;
import ai.gue.data.DatasetPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gue compare} as a user sees it, on a tiny grid of synthetic images. */
class CompareCommandTest {

    @TempDir
    static Path shared;
    static Path experiment;

    @BeforeAll
    static void writeTinyGrid() throws Exception {
        CifarBinaryFormat.writeCifar10Folder(new DatasetPair(CliTest.colours("train", 90, 1),
                CliTest.colours("test", 30, 2)), shared.resolve("tiny-cifar"), false);
        Files.writeString(shared.resolve("victim.yaml"), """
                arch: fastnet
                widthMultiplier: 0.125
                epochs: 1
                batchSize: 32
                learningRate: 0.1
                momentum: 0.9
                weightDecay: 5.0e-4
                nesterov: true
                schedule: one-cycle
                milestones: []
                gamma: 0.1
                warmupFraction: 0.25
                labelSmoothing: 0.0
                augmentation: {cropPadding: 2, horizontalFlip: true}
                seed: 0
                evalBatchSize: 100
                """);
        experiment = shared.resolve("tiny-grid.yaml");
        Files.writeString(experiment, """
                name: tiny grid
                dataset: tiny-cifar
                attacks: [clean, {kind: lsp, seed: 1}]
                victims: [victim.yaml]
                defenses: [none]
                seeds: [0, 1]
                """);
    }

    @Test
    void aGridRunsOnceAndResumesWithoutRetraining() throws Exception {
        Path out = shared.resolve("grid");
        CliRunner dry = CliRunner.run("compare", experiment.toString(), "--out", out.toString(), "--dry-run");
        assertEquals(0, dry.exitCode(), dry.toString());
        assertTrue(dry.out().contains("4 cells (2 attacks x 1 victims x 1 defenses x 2 seeds)"), dry.out());
        assertTrue(dry.out().contains("| 1 | clean | victim | none | 0 | to run |"), dry.out());
        assertTrue(dry.out().contains("done 0, to run 4, stale 0"), dry.out());
        assertFalse(Files.exists(out), "a dry run writes nothing");

        CliRunner first = CliRunner.run("compare", experiment.toString(), "--out", out.toString(), "--no-progress");
        assertEquals(0, first.exitCode(), first.toString());
        for (int i = 1; i <= 4; i++) {
            assertTrue(first.out().contains("cell " + i + "/4: "), first.out());
        }
        assertTrue(first.out().contains("poisoning the training set: lsp"), first.out());
        assertTrue(first.out().contains("clean test accuracy (%):\n| attack | none |"), first.out());
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(Pattern.compile("\\| clean \\| \\d+\\.\\d\\d ± \\d+\\.\\d\\d \\(2\\) \\|").matcher(report).find(),
                "two seeds give mean ± std (2): " + report);
        assertTrue(Pattern.compile("\\| lsp \\| \\d+\\.\\d\\d ± \\d+\\.\\d\\d \\(2\\) \\|").matcher(report).find(), report);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("data:image/png;base64,") && !html.contains("http"), "self-contained");

        CliRunner second = CliRunner.run("compare", experiment.toString(), "--out", out.toString(), "--no-progress");
        assertEquals(0, second.exitCode(), second.toString());
        assertTrue(second.out().contains("done 4, to run 0, stale 0"), second.out());
        assertFalse(second.out().contains("cell 1/"), "nothing retrained: " + second.out());
        assertFalse(second.out().contains("poisoning"), second.out());
        assertTrue(second.out().contains("ran 0 cell(s)"), second.out());

        Files.delete(out.resolve("report.md"));
        CliRunner reportOnly = CliRunner.run("compare", experiment.toString(), "--out", out.toString(),
                "--only-report");
        assertEquals(0, reportOnly.exitCode(), reportOnly.toString());
        assertEquals(report, Files.readString(out.resolve("report.md")), "the same report from the stored results");

        Files.writeString(experiment.resolveSibling("changed.yaml"), Files.readString(experiment)
                .replace("{kind: lsp, seed: 1}", "{kind: lsp, seed: 2}"));
        Files.delete(out.resolve("cells/lsp/victim/none/seed-1/result.json"));
        CliRunner planned = CliRunner.run("compare", experiment.toString(), "--out", out.toString(), "--dry-run");
        assertTrue(planned.out().contains("done 3, to run 1, stale 0"), planned.out());
        assertTrue(planned.out().contains("estimated time to finish: "), planned.out());
        assertTrue(planned.out().contains("| 4 | lsp | victim | none | 1 | to run |"), planned.out());
        CliRunner noFolder = CliRunner.run("compare", experiment.toString(), "--out", shared.resolve("none").toString(),
                "--only-report");
        assertEquals(ErrorReporter.BAD_INPUT, noFolder.exitCode(), noFolder.toString());
        assertTrue(noFolder.err().contains("no grid folder"), noFolder.err());

        CliRunner stale = CliRunner.run("compare", shared.resolve("changed.yaml").toString(), "--out", out.toString(),
                "--no-progress");
        assertEquals(ErrorReporter.BAD_INPUT, stale.exitCode(), stale.toString());
        assertTrue(stale.out().contains("done 2, to run 1, stale 1"), stale.out());
        assertTrue(stale.err().contains("hold results for another configuration") && stale.err().contains("--force"),
                stale.err());
    }

    @Test
    void presetsAndBadExperimentsAreReportedClearly() throws Exception {
        CliRunner help = CliRunner.run("compare", "--help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.out().contains("--only-report") && help.out().contains("--preset"), help.out());
        assertTrue(help.err().isEmpty(), "no picocli format warnings: " + help.err());
        assertTrue(CliRunner.run("--help").out().contains("compare"), "listed by gue --help");

        CliRunner cpu = CliRunner.run("compare", "--preset", "cpu", "--dry-run", "--out",
                shared.resolve("cpu").toString());
        assertEquals(0, cpu.exitCode(), cpu.toString());
        assertTrue(cpu.out().contains("48 cells (6 attacks x 1 victims x 8 defenses x 1 seeds)"), cpu.out());

        Path typo = shared.resolve("typo.yaml");
        Files.writeString(typo, "name: t\nattacks: [clean]\nvictims: [cpu-short]\ndefences: [jpeg]\n");
        CliRunner bad = CliRunner.run("compare", typo.toString(), "--dry-run");
        assertEquals(ErrorReporter.BAD_INPUT, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains(typo + ": defences: unknown field"), bad.err());

        CliRunner neither = CliRunner.run("compare", "--dry-run");
        assertEquals(2, neither.exitCode(), neither.toString());
        assertTrue(neither.err().contains("EXPERIMENT") || neither.err().contains("--preset"), neither.err());
        CliRunner both = CliRunner.run("compare", typo.toString(), "--preset", "cpu");
        assertEquals(2, both.exitCode(), both.toString());
    }
}

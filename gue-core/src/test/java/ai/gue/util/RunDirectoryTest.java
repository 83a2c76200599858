package ai.gue.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    @Test
    void refusesANonEmptyFolderUnlessForced(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        RunDirectory.create(run, false).writeText("a.txt", "first");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> RunDirectory.create(run, false));
        assertTrue(e.getReason().contains("--force"), e.getReason());
        RunDirectory.create(run, true).writeText("a.txt", "second");
        assertEquals("second", Files.readString(run.resolve("a.txt")));
    }

    @Test
    void aWriteKilledMidwayLeavesNeitherTargetNorTemporary(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        RunDirectory directory = RunDirectory.create(run, false);
        Object exploding = new Object() {
            public String getValue() {
                throw new IllegalStateException("killed mid-write");
            }
        };
        assertThrows(Exception.class, () -> directory.writeJson("result.json", exploding));
        try (Stream<Path> files = Files.list(run)) {
            assertEquals(0, files.count(), "no partial result.json and no temporary left behind");
        }
        assertFalse(Files.exists(run.resolve("result.json")));
    }

    @Test
    void writesJsonAndYaml(@TempDir Path dir) throws IOException {
        RunDirectory directory = RunDirectory.create(dir.resolve("r"), false);
        directory.writeJson("m.json", Map.of("seed", 3));
        directory.writeYaml("c.yaml", Map.of("epochs", 10));
        assertTrue(Files.readString(directory.resolve("m.json")).contains("\"seed\" : 3"));
        assertTrue(Files.readString(directory.resolve("c.yaml")).contains("epochs: 10"));
    }
}

package ai.gue.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {

    @TempDir
    Path dir;

    @Test
    void knownDigests() throws IOException {
        Path file = Files.write(dir.resolve("abc.txt"), "abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", Checksums.md5(file));
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", Checksums.digest(file, Checksums.Algorithm.SHA1));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", Checksums.verifyMd5(file, "900150983CD24FB0D6963F7D28E17F72"));
    }

    @Test
    void flippedByteFailsVerificationNamingFileAndBothSums() throws IOException {
        byte[] bytes = new byte[3073 * 3];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path file = Files.write(dir.resolve("data_batch_1.bin"), bytes);
        String good = Checksums.md5(file);
        bytes[5000] ^= 1;
        Files.write(file, bytes);
        String bad = Checksums.md5(file);
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> Checksums.verifyMd5(file, good));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + good + " but got " + bad), e.getMessage());
        assertEquals(good, e.expected());
        assertEquals(bad, e.actual());
    }
}

package ai.gue.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process (Linux {@code /proc/self/status}), which includes native (libtorch) memory. */
public final class ProcessMemory {

    private ProcessMemory() {}

    /** VmRSS in bytes, or -1 where {@code /proc} is unavailable. */
    public static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kilobytes = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kilobytes) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}

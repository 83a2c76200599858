package ai.gue.testing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the garbage collector free every closed DJL array's Java-side memory, then refills freed
 * small native blocks with other values: what a collection between a forward and a backward pass
 * does by chance in a long run, done on purpose so that a test can check that a backward pass reads
 * no memory the Java side owns (see {@link ai.gue.util.GraphScalars}).
 */
public final class NativeMemoryChurn {

    private NativeMemoryChurn() {}

    /** Collects garbage a few times and allocates direct buffers of small sizes filled with 0x7f bytes. */
    public static void collectAndOverwrite() {
        List<ByteBuffer> filler = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            System.gc();
            try {
                Thread.sleep(10); // the reference handler frees the buffers' memory after the collection
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int i = 0; i < 300; i++) {
                for (int bytes : new int[] {4, 8, 64, 200, 280, 392, 1024}) {
                    ByteBuffer buffer = ByteBuffer.allocateDirect(bytes);
                    while (buffer.hasRemaining()) {
                        buffer.put((byte) 0x7f);
                    }
                    filler.add(buffer);
                }
            }
        }
    }
}

package ai.gue.util;

import ai.gue.data.ImageDataset;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A content checksum of an in-memory dataset (shape, class names, labels, pixels), for manifests. */
public final class DatasetDigest {

    private DatasetDigest() {}

    /** SHA-256 over the dataset's shape, class names, labels and pixels, as hex. */
    public static String sha256(ImageDataset dataset) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((dataset.shape() + "|" + String.join(",", dataset.classNames()) + "|")
                    .getBytes(StandardCharsets.UTF_8));
            ByteBuffer labels = ByteBuffer.allocate(dataset.size() * Integer.BYTES);
            labels.asIntBuffer().put(dataset.labels());
            digest.update(labels);
            digest.update(dataset.pixels());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

package ai.gue.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The JSON sidecar ({@code <name>.json}) of a checkpoint's {@code <name>.params}: what network the
 * parameters belong to and how to check that the file is the one that was written.
 *
 * @param formatVersion manifest format, currently {@value ModelCheckpoint#FORMAT_VERSION}
 * @param kind classifier or generator
 * @param architecture see {@link ModelSpec#architecture()}
 * @param widthMultiplier see {@link ModelSpec#widthMultiplier()}
 * @param classCount see {@link ModelSpec#classCount()}
 * @param channels see {@link ModelSpec#channels()}
 * @param inputShape see {@link ModelSpec#inputShape()}
 * @param parameterCount learnable parameters ({@link ParameterCounter})
 * @param configHash a hash of the configuration that produced the parameters (caller-supplied;
 *     {@link ModelSpec#configHash()} by default)
 * @param paramsFile file name of the parameters, relative to the manifest
 * @param paramsBytes size of the parameters file
 * @param paramsSha256 SHA-256 (hex) of the parameters file
 * @param djlVersion DJL version that wrote the parameters
 * @param createdAt ISO-8601 instant of writing
 */
@JsonPropertyOrder({
    "formatVersion", "kind", "architecture", "widthMultiplier", "classCount", "channels", "inputShape",
    "parameterCount", "configHash", "paramsFile", "paramsBytes", "paramsSha256", "djlVersion", "createdAt"
})
public record CheckpointManifest(
        int formatVersion,
        ModelKind kind,
        String architecture,
        double widthMultiplier,
        int classCount,
        int channels,
        List<Long> inputShape,
        long parameterCount,
        String configHash,
        String paramsFile,
        long paramsBytes,
        String paramsSha256,
        String djlVersion,
        String createdAt) {

    /** The network this checkpoint holds. */
    public ModelSpec spec() {
        return new ModelSpec(kind, architecture, widthMultiplier, classCount, channels, inputShape);
    }
}

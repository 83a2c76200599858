package ai.gue.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a checkpoint holds: a victim/follower classifier or a poison generator. */
public enum ModelKind {
    @JsonProperty("classifier")
    CLASSIFIER,
    @JsonProperty("generator")
    GENERATOR;

    /** The lower-case name used in manifests. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

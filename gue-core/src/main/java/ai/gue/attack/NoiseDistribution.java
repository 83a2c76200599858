package ai.gue.attack;

/** How {@link RandomNoisePoison} draws each pixel's change, in whole grey levels. */
public enum NoiseDistribution {
    /** +m or −m with equal probability, m = the budget's largest pixel change: noise at full budget. */
    SIGN("random ±ε sign noise"),
    /** An integer uniform in [−m, m]. */
    UNIFORM("random uniform noise in [−ε, ε]");

    private final String description;

    NoiseDistribution(String description) {
        this.description = description;
    }

    /** A phrase for reports. */
    public String describe() {
        return description;
    }
}

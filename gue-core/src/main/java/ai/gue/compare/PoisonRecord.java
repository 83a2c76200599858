package ai.gue.compare;

/**
 * A stored poison as the report shows it, measured on the written bytes.
 *
 * @param attack       the attack's name
 * @param description  what the attack is
 * @param budget       the budget it promises ("L∞ 8/255", "L2 1.0")
 * @param maxAbsDelta  the largest stored |x' − x|, in grey levels
 * @param meanL2       mean ‖x' − x‖₂ per image on the [0, 1] scale
 * @param changedShare share of pixel values changed
 * @param seconds      time to compute, write and verify it
 */
public record PoisonRecord(String attack, String description, String budget, int maxAbsDelta, double meanL2,
        double changedShare, double seconds) {}

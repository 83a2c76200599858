package ai.gue.game;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BarrierMultiplierTest {

    @Test
    void matchesTheFormula() {
        // η = 1.5, ‖∇q‖² = 4, ⟨∇f, ∇q⟩ = 2: λ = (6 − 2) / (4 + 1e-8).
        assertEquals(4 / (4 + 1e-8), BarrierMultiplier.of(1.5, 4, 2), 1e-15);
        assertEquals((1.5 * 0.25 + 3) / (0.25 + 1e-8), BarrierMultiplier.of(1.5, 0.25, -3), 1e-9);
    }

    @Test
    void isExactlyZeroWhenThePayoffAlreadyDecreasesQFastEnough() {
        // ⟨∇_θ f, ∇_θ q⟩ ≥ η‖∇q‖² ⇒ λ = 0.
        assertEquals(0.0, BarrierMultiplier.of(1.5, 2, 3));
        assertEquals(0.0, BarrierMultiplier.of(1.5, 2, 3.5));
        assertEquals(0.0, BarrierMultiplier.of(1.5, 0, 0));
        assertEquals(0.0, BarrierMultiplier.of(1.5, 0, 1e-3));
    }
}

package ai.gue.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each norm measured by hand on 2×2 RGB images, and the budget check at its boundary. */
class AttackBudgetTest {

    private static final ImageShape TINY = new ImageShape(3, 2, 2);

    private static ImageDataset images(int... values) {
        byte[] pixels = new byte[values.length];
        for (int k = 0; k < values.length; k++) {
            pixels[k] = (byte) values[k];
        }
        return new ImageDataset("t", TINY, pixels, new int[values.length / 12], List.of("only"));
    }

    @Test
    void eachNormIsMeasuredPerImageOnTheStoredBytes() {
        ImageDataset clean = images(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        // Image 0: +3 at (0, 0) red and −4 at (0, 0) green (one position), +8 at (1, 1) blue.
        // Image 1: +255 at (0, 1) red: one position, the largest L∞.
        ImageDataset poisoned = images(103, 100, 100, 100, 96, 100, 100, 100, 100, 100, 100, 108,
                0, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        int positions = 4;
        assertEquals(8 / 255.0, PerturbationNorm.LINF.measure(clean.pixels(), poisoned.pixels(), 0, 12, positions), 1e-12);
        assertEquals(Math.sqrt(9 + 16 + 64) / 255, PerturbationNorm.L2.measure(clean.pixels(), poisoned.pixels(), 0, 12,
                positions), 1e-12);
        assertEquals(2, PerturbationNorm.L0.measure(clean.pixels(), poisoned.pixels(), 0, 12, positions));
        assertEquals(1, PerturbationNorm.L0.measure(clean.pixels(), poisoned.pixels(), 12, 12, positions));

        AttackBudget.Measurement l0 = AttackBudget.l0(2).check(clean, poisoned);
        assertEquals(2, l0.largest());
        assertEquals(0, l0.worstImage());
        AttackBudget.Measurement linf = new AttackBudget(PerturbationNorm.LINF, 1.0).check(clean, poisoned);
        assertEquals(1.0, linf.largest(), 1e-12);
        assertEquals(1, linf.worstImage());
        IllegalStateException tooMany = assertThrows(IllegalStateException.class,
                () -> AttackBudget.l0(1).check(clean, poisoned));
        assertTrue(tooMany.getMessage().contains("image 0 moved 2 pixels, outside the budget L0 1 pixel"),
                tooMany.getMessage());
    }

    @Test
    void theBoundaryIsInsideTheBudget() {
        AttackBudget linf = AttackBudget.of(Budget.linf(8));
        assertTrue(linf.admits(8 / 255.0));
        assertFalse(linf.admits(9 / 255.0));
        assertEquals("L∞ 8/255", linf.toString());
        AttackBudget l2 = AttackBudget.l2(1.0);
        assertTrue(l2.admits(1.0));
        assertFalse(l2.admits(1.0001));
        assertEquals("L2 1.0000", l2.toString());
        assertTrue(AttackBudget.l0(1).admits(1));
        assertFalse(AttackBudget.l0(1).admits(2));
    }

    @Test
    void impossibleBudgetsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AttackBudget.l2(-1));
        assertThrows(IllegalArgumentException.class, () -> AttackBudget.l2(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new AttackBudget(PerturbationNorm.L0, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new AttackBudget(PerturbationNorm.LINF, 2));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> PerturbationNorm.parse("l3"));
        assertTrue(unknown.getMessage().contains("unknown perturbation norm 'l3'; expected one of linf, l2, l0"),
                unknown.getMessage());
    }
}

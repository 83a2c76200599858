package ai.gue.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SeedTreeTest {

    @Test
    void childrenDependOnlyOnParentAndName() {
        SeedTree root = new SeedTree(3);
        assertEquals(root.child("data-order"), new SeedTree(3).child("data-order"));
        assertNotEquals(root.child("data-order"), root.child("classifier-init"));
        assertNotEquals(root.child("a").child("b"), root.child("b").child("a"));
        assertNotEquals(new SeedTree(4).child("data-order"), root.child("data-order"));
    }
}

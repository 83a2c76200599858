package ai.gue.attack;

import ai.gue.data.ImageDataset;

/**
 * An availability attack: it turns a clean training set into a poisoned copy (same images in the
 * same order, same labels) whose stored bytes stay within {@link #budget()}. Implementations are
 * seeded through their constructors, so the same attack object applied to the same images gives
 * the same bytes.
 */
public interface PoisonAttack {

    /** The attack's name on the command line and in reports ("lsp"). */
    String name();

    /** One line for reports: the method, its source and its settings. */
    String describe();

    /** What every stored image of {@link #apply}'s result satisfies. */
    AttackBudget budget();

    /**
     * The poisoned copy of {@code clean}, called {@code name}, with its measured perturbation.
     * {@code clean} is not modified.
     */
    PoisonedDataset apply(ImageDataset clean, String name);
}

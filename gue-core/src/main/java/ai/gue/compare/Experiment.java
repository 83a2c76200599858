package ai.gue.compare;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A comparison grid as read from an experiment file ({@link ExperimentParser}): every attack is
 * crossed with every victim, defense and seed.
 *
 * @param name        the experiment's title
 * @param dataset     the training set whose training split is poisoned ({@code cifar10} or a path)
 * @param test        the clean test set (a dataset whose test split, else whole, is used), or null for
 *                    {@code dataset}'s test split
 * @param trainLimit  use only the first N training images (null = all)
 * @param testLimit   use only the first N test images (null = all)
 * @param poisonRatio share of poisoned training images, the rest clean (null = all poisoned)
 * @param attacks     the rows
 * @param victims     the victim recipes
 * @param defenses    the defenses
 * @param seeds       the victim seeds; each cell is repeated once per seed
 */
public record Experiment(String name, String dataset, String test, Integer trainLimit, Integer testLimit,
        Double poisonRatio, List<AttackSpec> attacks, List<VictimSpec> victims, List<DefenseSpec> defenses,
        List<Long> seeds) {

    public Experiment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataset, "dataset");
        attacks = List.copyOf(attacks);
        victims = List.copyOf(victims);
        defenses = List.copyOf(defenses);
        seeds = List.copyOf(seeds);
        requireUnique("attack", attacks, AttackSpec::name);
        requireUnique("victim", victims, VictimSpec::name);
        requireUnique("defense", defenses, DefenseSpec::name);
        requireUnique("seed", seeds, String::valueOf);
        if (attacks.isEmpty() || victims.isEmpty() || defenses.isEmpty() || seeds.isEmpty()) {
            throw new IllegalArgumentException("an experiment needs at least one attack, victim, defense and seed");
        }
        if (trainLimit != null && trainLimit < 1 || testLimit != null && testLimit < 1) {
            throw new IllegalArgumentException("trainLimit and testLimit must be at least 1 image");
        }
        if (poisonRatio != null && !(poisonRatio >= 0 && poisonRatio <= 1)) {
            throw new IllegalArgumentException("poisonRatio must be in [0, 1], got " + poisonRatio);
        }
    }

    /**
     * Every cell, in the order a grid runs them: seeds outermost, then attacks, victims, defenses, each
     * in the file's order. A grid stopped half-way has then seen every attack and defense once
     * before it repeats any with another seed, so its partial report is already a whole table.
     */
    public List<CellKey> cells() {
        List<CellKey> cells = new ArrayList<>();
        for (long seed : seeds) {
            for (AttackSpec attack : attacks) {
                for (VictimSpec victim : victims) {
                    for (DefenseSpec defense : defenses) {
                        cells.add(new CellKey(attack.name(), victim.name(), defense.name(), seed));
                    }
                }
            }
        }
        return cells;
    }

    /** The table's columns: victims outermost, then defenses, in the file's order. */
    public List<GridColumn> columns() {
        List<GridColumn> columns = new ArrayList<>();
        for (VictimSpec victim : victims) {
            for (DefenseSpec defense : defenses) {
                columns.add(new GridColumn(victim.name(), defense.name()));
            }
        }
        return columns;
    }

    /** The attack named {@code name}. */
    public AttackSpec attack(String name) {
        return find(attacks, AttackSpec::name, name, "attack");
    }

    /** The victim named {@code name}. */
    public VictimSpec victim(String name) {
        return find(victims, VictimSpec::name, name, "victim");
    }

    /** The defense named {@code name}. */
    public DefenseSpec defense(String name) {
        return find(defenses, DefenseSpec::name, name, "defense");
    }

    private static <T> T find(List<T> items, Function<T, String> name, String wanted, String what) {
        return items.stream().filter(i -> name.apply(i).equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + what + " named '" + wanted + "'"));
    }

    private static <T> void requireUnique(String what, List<T> items, Function<T, String> name) {
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            if (!seen.add(name.apply(item))) {
                throw new IllegalArgumentException(what + " '" + name.apply(item) + "' is listed twice"
                        + (what.equals("seed") ? "" : "; give each entry its own 'name'"));
            }
        }
    }
}

package ai.gue.compare;

import java.nio.file.Path;

/**
 * One cell of a grid: a victim trained on an attack's data behind a defense, with one seed.
 *
 * @param attack  the attack's name (row)
 * @param victim  the victim's name
 * @param defense the defense's name
 * @param seed    the victim's root seed
 */
public record CellKey(String attack, String victim, String defense, long seed) {

    public CellKey {
        GridNames.check("attack", attack);
        GridNames.check("victim", victim);
        GridNames.check("defense", defense);
    }

    /** The cell's folder below the grid's output folder: {@code cells/<attack>/<victim>/<defense>/seed-<n>}. */
    public Path folder(Path out) {
        return out.resolve("cells").resolve(attack).resolve(victim).resolve(defense).resolve("seed-" + seed);
    }

    /** The column this cell belongs to. */
    public GridColumn column() {
        return new GridColumn(victim, defense);
    }

    /** "lsp / cpu-short / jpeg / seed 0". */
    public String describe() {
        return attack + " / " + victim + " / " + defense + " / seed " + seed;
    }
}

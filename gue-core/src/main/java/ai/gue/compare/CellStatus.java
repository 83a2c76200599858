package ai.gue.compare;

/** Where a cell stands before a grid runs. */
public enum CellStatus {
    /** No result yet: it will run. */
    PENDING,
    /** A result for exactly this configuration exists: it is skipped. */
    DONE,
    /** It ran and failed: it runs again. */
    FAILED,
    /**
     * A result exists for another configuration (the experiment file changed), or cannot be read:
     * the grid refuses to run unless forced to recompute it.
     */
    STALE;

    /** Whether a grid run trains this cell (STALE only when forced). */
    public boolean runs(boolean force) {
        return this == PENDING || this == FAILED || (this == STALE && force);
    }
}

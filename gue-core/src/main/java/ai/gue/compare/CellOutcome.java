package ai.gue.compare;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a cell that ran ended. */
public enum CellOutcome {
    /** The victim trained and was tested. */
    DONE("done"),
    /** Training or testing threw; the cell is run again by the next {@code gue compare}. */
    FAILED("failed");

    private final String fileName;

    CellOutcome(String fileName) {
        this.fileName = fileName;
    }

    /** The name in result files. */
    @JsonValue
    public String fileName() {
        return fileName;
    }

    /** Parses a result file's name. */
    @JsonCreator
    public static CellOutcome parse(String name) {
        return ai.gue.util.CliNames.parse(CellOutcome.class, CellOutcome::fileName, name, "cell outcome");
    }
}

package ai.gue.cli;

import ai.gue.attack.CraftingListener;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints the crafting rounds (EM and REM share them) and a line per tenth of each crafting phase ({@code gue attack}, {@code gue compare}). */
final class CraftingProgress implements CraftingListener {
    private final PrintWriter out;
    private int lastTenth = -1;
    private String lastPhase = "";

    CraftingProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onProgress(String phase, int done, int total) {
        int tenth = (int) (10L * done / Math.max(1, total));
        if (!phase.equals(lastPhase) || tenth != lastTenth) {
            out.printf(Locale.ROOT, "  %s: %d/%d%n", phase, done, total);
            out.flush();
            lastPhase = phase;
            lastTenth = tenth;
        }
    }

    @Override
    public void onRound(int round, double poisonedAccuracy, double seconds) {
        out.printf(Locale.ROOT, "  round %d: crafting model %.2f%% on the poisoned set (%.0f s)%n", round,
                100 * poisonedAccuracy, seconds);
        out.flush();
        lastPhase = "";
    }
}

package dev.rlcode.examples.cli;

import dev.rlcode.agents.dqn.DqnTrainer;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows training progress: on a terminal, one line redrawn in place ({@code \r}) as a bar with percent, steps/s,
 * episodes, last return, ε and ETA; elsewhere (a file, a pipe, CI) one plain log line per progress report, i.e.
 * every {@code logFrequency} env steps.
 */
final class ProgressReporter implements DqnTrainer.Listener {

    private static final int BAR_WIDTH = 24;

    private final PrintWriter out;
    private final boolean bar;
    private final String eps;
    private String lastBar;

    /**
     * @param out where to write
     * @param bar true for the redrawn bar (a terminal), false for log lines
     */
    ProgressReporter(PrintWriter out, boolean bar) {
        this.out = out;
        this.bar = bar;
        this.eps = System.getProperty("stdout.encoding", "").equalsIgnoreCase("UTF-8") ? "ε" : "eps";
    }

    @Override
    public void onProgress(DqnTrainer.Progress p) {
        if (bar) {
            String line = barLine(p);
            int shorter = lastBar == null ? 0 : Math.max(0, lastBar.length() - line.length());
            out.print("\r" + line + " ".repeat(shorter) + "\b".repeat(shorter));
            lastBar = line;
        } else {
            out.println(logLine(p));
        }
        out.flush();
    }

    @Override
    public void onMessage(String line) {
        if (bar && lastBar != null) {
            out.print("\r" + " ".repeat(lastBar.length()) + "\r");
            out.println(line);
            out.print(lastBar);
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the bar's line, so that what follows starts on a new one. */
    void finish() {
        if (bar && lastBar != null) {
            out.println();
            out.flush();
            lastBar = null;
        }
    }

    String barLine(DqnTrainer.Progress p) {
        double frac = p.totalSteps() == 0 ? 1 : Math.min(1, (double) p.step() / p.totalSteps());
        int filled = (int) Math.round(frac * BAR_WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %3d%% %d/%d | %.0f steps/s | ep %d | return %s | %s %.3f | ETA %s",
                "#".repeat(filled), "-".repeat(BAR_WIDTH - filled), (int) Math.floor(frac * 100), p.step(),
                p.totalSteps(), p.stepsPerSecond(), p.episodes(), lastReturn(p), eps, p.epsilon(), eta(p));
    }

    static String logLine(DqnTrainer.Progress p) {
        double pct = p.totalSteps() == 0 ? 100 : 100.0 * p.step() / p.totalSteps();
        return String.format(Locale.ROOT, "step %d/%d (%.0f%%) | %.0f steps/s | episodes %d | last return %s | "
                        + "epsilon %.3f | ETA %s", p.step(), p.totalSteps(), Math.floor(pct), p.stepsPerSecond(),
                p.episodes(), lastReturn(p), p.epsilon(), eta(p));
    }

    private static String lastReturn(DqnTrainer.Progress p) {
        return Double.isNaN(p.lastReturn()) ? "-" : Tables.format(p.lastReturn());
    }

    /** {@return the time left at the current rate, as h:mm:ss or m:ss; "-" when the rate is unknown} */
    static String eta(DqnTrainer.Progress p) {
        if (!(p.stepsPerSecond() > 0)) return "-";
        long s = Math.round(Math.max(0, p.totalSteps() - p.step()) / p.stepsPerSecond());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}

package dev.rlcode.agents.eval;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Progress of a held-out evaluation in which several policies play the same episodes at once: one line each time
 * the share of all their episodes done passes another tenth, e.g.
 * {@code held-out evaluation 40% (dqn 90/300, random 300/300, script 70/300, oracle 20/300)}. Thread-safe.
 */
public final class EvalProgress {

    private final List<String> policies;
    private final int episodesEach;
    private final Consumer<String> out;
    private final int[] done;
    private int total;
    private int lastTenth;

    /**
     * @param policies     the policies' names, in the order of their index
     * @param episodesEach episodes per policy
     * @param out          receives the lines (one call at a time); null for none
     */
    public EvalProgress(List<String> policies, int episodesEach, Consumer<String> out) {
        this.policies = List.copyOf(policies);
        this.episodesEach = episodesEach;
        this.out = out;
        this.done = new int[policies.size()];
    }

    /** Counts one finished episode of policy {@code index}. */
    public synchronized void episodeDone(int index) {
        done[index]++;
        total++;
        int tenth = (int) (10L * total / ((long) episodesEach * policies.size()));
        if (out != null && tenth > lastTenth) {
            lastTenth = tenth;
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "held-out evaluation %d%% (",
                    10 * tenth));
            for (int i = 0; i < policies.size(); i++) {
                line.append(i == 0 ? "" : ", ").append(policies.get(i)).append(' ').append(done[i]).append('/')
                        .append(episodesEach);
            }
            out.accept(line.append(')').toString());
        }
    }
}

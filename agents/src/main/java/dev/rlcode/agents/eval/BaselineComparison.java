package dev.rlcode.agents.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The held-out comparison both code levels report: the trained policy and the random, script and oracle baselines
 * play the same episodes at once ({@link Concurrently}), with {@link EvalProgress} lines, and their figures are
 * returned as the policy's keys plus {@code baselines} {random, script, oracle}, each baseline's figures ending with
 * {@code paired}: the policy against that baseline episode by episode ({@link PairedComparison}).
 */
public final class BaselineComparison {

    private static final List<String> NAMES = List.of("dqn", "random", "script", "oracle");

    private BaselineComparison() {
    }

    /**
     * One policy's evaluation. @param figures its summary figures @param outcomes episode by episode, in the order of
     * the episodes (the same for every policy)
     */
    public record Evaluated(Map<String, Object> figures, List<PairedComparison.Outcome> outcomes) {
    }

    /**
     * @param name     thread-name prefix
     * @param policies the trained policy, then the random, script and oracle baselines
     * @param episodes episodes each policy plays
     * @param progress receives a progress line at every tenth of the episodes, or null
     * @param evaluate evaluates one policy on its own env, calling the given runnable after each episode
     * @param <P>      policy type
     * @return the policy's figures with {@code baselines} added
     */
    public static <P> Map<String, Object> run(String name, List<P> policies, int episodes, Consumer<String> progress,
                                              BiFunction<P, Runnable, Evaluated> evaluate) {
        if (policies.size() != NAMES.size()) {
            throw new IllegalArgumentException("policies: expected " + NAMES + ", actual " + policies.size());
        }
        EvalProgress counter = new EvalProgress(NAMES, episodes, progress);
        List<Callable<Evaluated>> jobs = new ArrayList<>();
        for (int i = 0; i < policies.size(); i++) {
            int index = i;
            jobs.add(() -> evaluate.apply(policies.get(index), () -> counter.episodeDone(index)));
        }
        List<Evaluated> reports = Concurrently.all(name, jobs);
        Map<String, Object> out = new LinkedHashMap<>(reports.get(0).figures());
        Map<String, Object> baselines = new LinkedHashMap<>();
        for (int i = 1; i < NAMES.size(); i++) {
            Map<String, Object> figures = new LinkedHashMap<>(reports.get(i).figures());
            figures.put("paired", PairedComparison.compare(reports.get(0).outcomes(), reports.get(i).outcomes()));
            baselines.put(NAMES.get(i), figures);
        }
        out.put("baselines", baselines);
        return out;
    }
}

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
 * returned as the policy's keys plus {@code baselines} {random, script, oracle}.
 */
public final class BaselineComparison {

    private static final List<String> NAMES = List.of("dqn", "random", "script", "oracle");

    private BaselineComparison() {
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
                                              BiFunction<P, Runnable, Map<String, Object>> evaluate) {
        if (policies.size() != NAMES.size()) {
            throw new IllegalArgumentException("policies: expected " + NAMES + ", actual " + policies.size());
        }
        EvalProgress counter = new EvalProgress(NAMES, episodes, progress);
        List<Callable<Map<String, Object>>> jobs = new ArrayList<>();
        for (int i = 0; i < policies.size(); i++) {
            int index = i;
            jobs.add(() -> evaluate.apply(policies.get(index), () -> counter.episodeDone(index)));
        }
        List<Map<String, Object>> reports = Concurrently.all(name, jobs);
        Map<String, Object> out = new LinkedHashMap<>(reports.get(0));
        Map<String, Object> baselines = new LinkedHashMap<>();
        for (int i = 1; i < NAMES.size(); i++) {
            baselines.put(NAMES.get(i), reports.get(i));
        }
        out.put("baselines", baselines);
        return out;
    }
}

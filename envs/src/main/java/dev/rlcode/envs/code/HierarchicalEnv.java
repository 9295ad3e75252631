package dev.rlcode.envs.code;

import dev.rlcode.core.env.ActionMasked;
import dev.rlcode.core.env.Env;
import dev.rlcode.core.env.ResetResult;
import dev.rlcode.core.env.StepResult;
import dev.rlcode.core.rng.Rng;
import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.space.Space;
import dev.rlcode.envs.code.model.CodeModel;
import dev.rlcode.envs.code.model.IntegrateRequest;
import dev.rlcode.envs.code.model.Plan;
import dev.rlcode.envs.code.model.PlanRequest;
import dev.rlcode.envs.code.retrieval.NoteIndex;
import dev.rlcode.envs.code.sandbox.ExecutionResult;
import dev.rlcode.envs.code.sandbox.TestStyle;
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.CompositeTask;
import dev.rlcode.envs.code.task.Tier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The high level of the code experiment: plans a composite task into subtasks, solves each with the frozen
 * Executive, integrates the parts, has the Executive repair the whole against the integration tests, and stops.
 *
 * <p><b>Description.</b> An episode works on one {@link CompositeTask} (a complex prompt, 2-4 subtasks with their own
 * tests, integration tests) with one {@link CodeModel}, a {@link CodeJudge} (normally the sandbox) and a frozen
 * Executive ({@link OptionPolicy}). EXECUTE_NEXT and EVALUATE are options: each runs a whole {@link ExecutiveEnv}
 * episode (same model, judge and notes) with the Executive choosing every low-level action until it stops or is
 * truncated. Success is judged at STOP by the integration tests.
 *
 * <p><b>Action Space.</b> {@code Discrete(6)}, the ordinals of {@link HierarchicalAction}: 0 PLAN (model.plan of the
 * composite prompt), 1 EXECUTE_NEXT (the Executive on the next planned subtask, in plan order, round robin over the
 * subtasks whose last option did not end on code that passed its tests: the first pass visits every subtask, later
 * ones retry failures; the option starts without code), 2 INTEGRATE (model.integrate of the sub-solutions in plan
 * order, replacing any integrated code), 3 EVALUATE (the Executive in evaluation mode, {@link ExecutiveEpisode#fromCode},
 * on the integrated code with the integration tests as its tests: it tests, debugs and searches but never generates;
 * its final code replaces the integrated code), 4 REPLAN (model.plan again; the plan, the sub-solutions and the
 * integrated code are discarded), 5 STOP. The mask ({@code boolean[6]}, true = legal) allows: PLAN only before the
 * first plan; EXECUTE_NEXT when a plan exists and some subtask has not passed its tests; INTEGRATE when every planned
 * subtask has code and the integrated code is not known to pass; EVALUATE when there is integrated code not known to
 * pass; REPLAN when a plan exists; STOP always, so a legal action always exists.
 *
 * <p><b>What the agent observes about a bad plan.</b> Only what its own tests show. The planner may drop a subtask
 * or merge two; the agent is never told the true number of subtasks. A dropped subtask leaves a class missing, so the
 * integration tests fail (compile error) and no repair brings it back: repeated failed evaluations (features 24-25)
 * are the signal to REPLAN. A merged subtask is executed as one subtask whose tests are those of its last part (the
 * class that stays public in the merged code), so a fault in the other part shows only in the integration tests.
 * Ground truth (the composite's real subtasks, the model's faults) is available through accessors for oracles and
 * tests only, never in the observation.
 *
 * <p><b>Observation Space.</b> {@code Box(0, 1, 26)}: [0..6] one-hot last action (none, PLAN, EXECUTE_NEXT,
 * INTEGRATE, EVALUATE, REPLAN, STOP); [7] a plan exists; [8] planned subtasks / 4; [9] share of planned subtasks with
 * code; [10] share of planned subtasks whose last option ended on code that passed its tests; [11] the last
 * EXECUTE_NEXT ended on code that did not pass; [12] integrated code exists; [13] the integrated code has been
 * evaluated since it last changed; [14..18] one-hot outcome of the last integration-test run of an EVALUATE on the
 * current integrated code (none, passed, compile error, test failed, other error); [19..22] counts of PLAN+REPLAN,
 * EXECUTE_NEXT, INTEGRATE, EVALUATE divided by {@code maxSteps}; [23] step / maxSteps; [24] failed EVALUATEs since
 * the last INTEGRATE / 3 (capped at 1); [25] failed EVALUATEs since the last PLAN or REPLAN / 3 (capped at 1).
 *
 * <p><b>Rewards.</b> Every action pays for what it causes: {@code llmCallCost} per LLM call (PLAN, INTEGRATE, REPLAN,
 * and each GENERATE or DEBUG of an option), {@code testCost} per sandbox test run and {@code searchCost} per note
 * search of an option. STOP adds {@code successReward} when the integrated code passes the integration tests, else
 * {@code failureReward}. Truncation adds {@code failureReward}.
 *
 * <p><b>Starting State.</b> {@link #reset(long)} draws a composite uniformly with the seed and asks the model factory
 * for a model seeded with the reset seed; nothing is planned yet. {@link #reset(HierarchicalEpisode)} fixes the
 * composite.
 *
 * <p><b>Episode End.</b> Terminated by STOP; truncated after {@code maxSteps} high-level actions (an option is one
 * action however many low-level steps it takes).
 *
 * <p><b>Arguments.</b> {@link HierarchicalConfig}; the composites; a factory {@code seed -> CodeModel}; the judge; the
 * note index; the frozen Executive. <b>Info</b> of every step: {@code llm_calls}, {@code test_runs}, {@code trace}
 * (high-level actions joined by {@code -}), {@code executive_steps} (low-level steps of all options so far); at the
 * end also {@code success} and {@code task}.
 *
 * <p><b>Version History.</b> v0: first version.
 *
 * <p>Not thread-safe; the judge and the index may be shared between envs if they are thread-safe. Planned subtask ids
 * must name the composite's subtasks (joined by {@code "+"} when merged), as the synthetic model's plans do.
 */
public final class HierarchicalEnv implements Env<float[], Integer>, ActionMasked {

    /** Length of the observation vector. */
    public static final int OBS_DIM = 26;
    private static final int LAST_ACTION = 0, HAS_PLAN = 7, PLANNED = 8, WITH_CODE = 9, PASSED_PARTS = 10,
            LAST_OPTION_FAILED = 11, HAS_INTEGRATED = 12, EVALUATED = 13, OUTCOME = 14, COUNTS = 19, STEP = 23,
            FAILED_EVALS_INTEGRATE = 24, FAILED_EVALS_PLAN = 25;
    private static final int PLAN = 0, EXECUTE_NEXT = 1, INTEGRATE = 2, EVALUATE = 3, REPLAN = 4, STOP = 5;
    private static final int EXECUTIVE_TEST = ExecutiveAction.TEST.ordinal();

    /* Implementation notes. The options run on one inner ExecutiveEnv whose model factory returns this episode's
     * model, so the model remembers the code it wrote across options (the synthetic model needs that to repair
     * integrated code). The inner env's judge is wrapped: the results of the judge calls made during a TEST step are
     * what the Executive was shown, whatever TEST runs (visible tests, or visible and hidden ones); the hidden run of
     * the inner STOP is ground truth and is never read. */

    private final HierarchicalConfig config;
    private final List<CompositeTask> composites;
    private final LongFunction<? extends CodeModel> models;
    private final CodeJudge judge;
    private final OptionPolicy executive;
    private final ExecutiveEnv inner;
    private final List<ExecutionResult> judged = new ArrayList<>();
    private final Box observationSpace = Box.of(0f, 1f, OBS_DIM);
    private final Discrete actionSpace = new Discrete(HierarchicalAction.values().length);

    private final ResetSeeds resetSeeds = new ResetSeeds();
    private boolean running;
    private CompositeTask composite;
    private CodeTask integrationTask;
    private CodeModel model;
    private long episodeSeed;
    private int options;
    private List<Plan.PlannedSubtask> plan;
    private List<CodeTask> subtasks = List.of();
    private String[] subCode = new String[0];
    private boolean[] subPassed = new boolean[0];
    private int cursor;
    private boolean lastOptionFailed;
    private String integrated;
    private boolean evaluated;
    private boolean integrationPassed;
    private int lastOutcome;
    private int failedEvalsSinceIntegrate;
    private int failedEvalsSincePlan;
    private final int[] counts = new int[HierarchicalAction.values().length];
    private final List<String> trace = new ArrayList<>();
    private int steps;
    private int lastAction;
    private int llmCalls;
    private int testRuns;
    private int searches;
    private int executiveSteps;

    /**
     * @param config     the step limit, rewards and the options' Executive settings
     * @param composites the composites {@link #reset(long)} draws from; not empty
     * @param models     makes the code model of an episode from its reset seed
     * @param judge      runs subtask tests and integration tests
     * @param index      the notes the Executive's SEARCH queries
     * @param executive  the frozen Executive run by EXECUTE_NEXT and EVALUATE
     * @throws IllegalArgumentException if {@code composites} is empty
     */
    public HierarchicalEnv(HierarchicalConfig config, List<CompositeTask> composites,
                           LongFunction<? extends CodeModel> models, CodeJudge judge, NoteIndex index,
                           OptionPolicy executive) {
        this.config = Objects.requireNonNull(config, "config");
        this.composites = List.copyOf(composites);
        if (this.composites.isEmpty()) {
            throw new IllegalArgumentException("composites: expected at least one, actual none");
        }
        this.models = Objects.requireNonNull(models, "models");
        this.judge = Objects.requireNonNull(judge, "judge");
        this.executive = Objects.requireNonNull(executive, "executive");
        CodeJudge recording = (task, code, hidden) -> {
            ExecutionResult r = judge.judge(task, code, hidden);
            judged.add(r);
            return r;
        };
        this.inner = new ExecutiveEnv(config.executive(), List.of(integrationTask(this.composites.getFirst())),
                seed -> model, recording, Objects.requireNonNull(index, "index"));
    }

    @Override
    public Space<float[]> observationSpace() {
        return observationSpace;
    }

    @Override
    public Space<Integer> actionSpace() {
        return actionSpace;
    }

    @Override
    public ResetResult<float[]> reset(long seed) {
        resetSeeds.restart(seed);
        CompositeTask c = composites.get(Rng.of(seed, Rng.Stream.ENV + 1).nextInt(composites.size()));
        return reset(new HierarchicalEpisode(c, seed));
    }

    @Override
    public ResetResult<float[]> reset() {
        return resetSeeds.next(seed -> reset(seed));
    }

    /**
     * Starts a fixed episode (same composite and model seed for every policy evaluated on it).
     *
     * @param episode the composite and the seed of the model
     * @return the first observation; info holds {@code task}
     */
    public ResetResult<float[]> reset(HierarchicalEpisode episode) {
        composite = episode.composite();
        integrationTask = integrationTask(composite);
        episodeSeed = episode.seed();
        model = Objects.requireNonNull(models.apply(episode.seed()), "model of seed " + episode.seed());
        options = 0;
        clearPlan();
        plan = null;
        Arrays.fill(counts, 0);
        trace.clear();
        steps = 0;
        lastAction = -1;
        llmCalls = 0;
        testRuns = 0;
        searches = 0;
        executiveSteps = 0;
        running = true;
        return new ResetResult<>(observation(), Map.of("task", composite.id()));
    }

    @Override
    public boolean[] actionMask() {
        boolean hasPlan = plan != null;
        boolean allCode = hasPlan;
        boolean allPassed = hasPlan;
        for (int i = 0; i < subCode.length; i++) {
            allCode &= subCode[i] != null;
            allPassed &= subPassed[i];
        }
        return new boolean[] {
                !hasPlan,
                hasPlan && !allPassed,
                allCode && !integrationPassed,
                integrated != null && !integrationPassed,
                hasPlan,
                true};
    }

    @Override
    public StepResult<float[]> step(Integer action) {
        StepChecks.requireLegal(running, action, actionSpace, actionMask(), i -> HierarchicalAction.of(i).name());
        int llmBefore = llmCalls, testsBefore = testRuns, searchesBefore = searches;
        steps++;
        counts[action]++;
        lastAction = action;
        trace.add(HierarchicalAction.of(action).label());
        boolean terminated = false;
        Boolean success = null;
        double reward = 0;
        switch (action) {
            case PLAN, REPLAN -> newPlan();
            case EXECUTE_NEXT -> {
                int i = nextSubtask();
                OptionOutcome out = runOption(ExecutiveEpisode.of(subtasks.get(i), optionSeed()));
                cursor = i;
                if (out.code() != null) {
                    subCode[i] = out.code();
                }
                subPassed[i] = out.passed();
                lastOptionFailed = !out.passed();
                discardIntegration();
            }
            case INTEGRATE -> {
                llmCalls++;
                integrated = model.integrate(new IntegrateRequest(composite.id(), composite.prompt(),
                        Arrays.asList(subCode))).code();
                evaluated = false;
                integrationPassed = false;
                lastOutcome = 0;
                failedEvalsSinceIntegrate = 0;
            }
            case EVALUATE -> {
                OptionOutcome out = runOption(ExecutiveEpisode.fromCode(integrationTask, optionSeed(), integrated));
                integrated = Objects.requireNonNull(out.code(), "evaluation mode keeps code");
                evaluated = true;
                integrationPassed = out.passed();
                lastOutcome = out.outcome();
                if (!integrationPassed) {
                    failedEvalsSinceIntegrate++;
                    failedEvalsSincePlan++;
                }
            }
            default -> { // STOP
                terminated = true;
                success = integratedCodePasses();
                reward = success ? config.successReward() : config.failureReward();
            }
        }
        reward += config.llmCallCost() * (llmCalls - llmBefore) + config.testCost() * (testRuns - testsBefore)
                + config.searchCost() * (searches - searchesBefore);
        boolean truncated = !terminated && steps >= config.maxSteps();
        if (truncated) {
            success = false;
            reward += config.failureReward();
        }
        running = !(terminated || truncated);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("llm_calls", llmCalls);
        info.put("test_runs", testRuns);
        info.put("trace", String.join("-", trace));
        info.put("executive_steps", executiveSteps);
        if (success != null) {
            info.put("success", success);
            info.put("task", composite.id());
        }
        return new StepResult<>(observation(), reward, terminated, truncated, info);
    }

    private void newPlan() {
        llmCalls++;
        clearPlan();
        plan = model.plan(new PlanRequest(composite.id(), composite.prompt())).subtasks();
        subtasks = plan.stream().map(this::taskFor).toList();
        subCode = new String[plan.size()];
        subPassed = new boolean[plan.size()];
    }

    private void clearPlan() {
        subtasks = List.of();
        subCode = new String[0];
        subPassed = new boolean[0];
        cursor = -1;
        lastOptionFailed = false;
        failedEvalsSincePlan = 0;
        discardIntegration();
    }

    private void discardIntegration() {
        integrated = null;
        evaluated = false;
        integrationPassed = false;
        lastOutcome = 0;
        failedEvalsSinceIntegrate = 0;
    }

    /** The first subtask after the cursor (round robin) that has not passed its tests. */
    private int nextSubtask() {
        for (int k = 1; k <= subPassed.length; k++) {
            int i = Math.floorMod(cursor + k, subPassed.length);
            if (!subPassed[i]) {
                return i;
            }
        }
        throw new IllegalStateException("EXECUTE_NEXT: expected a subtask that has not passed, actual none");
    }

    private long optionSeed() {
        return Rng.of(episodeSeed, Rng.Stream.VECTOR_ENV_BASE + options++).nextLong() >>> 1;
    }

    /** What an option left: its final code, whether its last TEST passed on that code, that test's outcome kind. */
    private record OptionOutcome(String code, boolean passed, int outcome) {
    }

    /** Runs the frozen Executive on one {@link ExecutiveEnv} episode until it stops or is truncated. */
    private OptionOutcome runOption(ExecutiveEpisode episode) {
        float[] obs = inner.reset(episode).observation();
        boolean passed = false;
        int outcome = 0;
        StepResult<float[]> r;
        do {
            boolean[] mask = inner.actionMask();
            int a = executive.act(obs, mask);
            if (a < 0 || a >= mask.length || !mask[a]) {
                throw new IllegalStateException("executive option: expected a legal action of " + Arrays.toString(mask)
                        + ", actual " + a);
            }
            judged.clear();
            String before = inner.code();
            r = inner.step(a);
            executiveSteps++;
            if (a == EXECUTIVE_TEST) {
                ExecutionResult shown = judged.stream().filter(x -> !x.passed()).findFirst()
                        .orElse(judged.isEmpty() ? null : judged.getFirst());
                passed = shown != null && shown.passed();
                outcome = outcomeKind(shown);
            } else if (!Objects.equals(before, inner.code())) {
                passed = false;
            }
            obs = r.observation();
        } while (!r.done());
        llmCalls += (Integer) r.info().get("llm_calls");
        testRuns += (Integer) r.info().get("test_runs");
        String t = (String) r.info().get("trace");
        for (String s : t.split("-")) {
            searches += s.equals(ExecutiveAction.SEARCH.label()) ? 1 : 0;
        }
        return new OptionOutcome(inner.code(), passed, outcome);
    }

    /** 0 none, 1 passed, 2 compile error, 3 test failed, 4 any other error. */
    private static int outcomeKind(ExecutionResult r) {
        return switch (r) {
            case null -> 0;
            case ExecutionResult.Passed p -> 1;
            case ExecutionResult.CompileError c -> 2;
            case ExecutionResult.TestFailed f -> 3;
            case ExecutionResult.RuntimeError e -> 4;
            case ExecutionResult.Timeout t -> 4;
            case ExecutionResult.Crashed c -> 4;
            case ExecutionResult.Rejected j -> 4;
        };
    }

    /**
     * {@return the task an option solves for a planned subtask: the composite's subtask with the planned prompt, or,
     * for merged ids, one task whose code holds every part and whose tests are those of the last part}
     *
     * @throws IllegalStateException if the planned id names no subtask of the composite
     */
    private CodeTask taskFor(Plan.PlannedSubtask p) {
        List<CodeTask> parts = new ArrayList<>();
        for (String id : p.id().split("\\+")) {
            parts.add(composite.subtasks().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow(
                    () -> new IllegalStateException("planned subtask " + p.id() + ": expected ids of subtasks of "
                            + composite.id() + " (joined by '+' when merged), actual unknown id " + id)));
        }
        if (parts.size() == 1) {
            return parts.getFirst().withPrompt(p.prompt());
        }
        CodeTask last = parts.getLast();
        Set<String> notes = new LinkedHashSet<>();
        Tier tier = Tier.EASY;
        for (CodeTask t : parts) {
            notes.addAll(t.knowledgeNoteIds());
            tier = t.tier().ordinal() > tier.ordinal() ? t.tier() : tier;
        }
        return new CodeTask(p.id(), tier, p.prompt(), last.entryPoint(), last.declaration(), last.visibleTests(),
                last.hiddenTests(), last.style(), Optional.empty(), List.copyOf(notes), last.solutionClassName(),
                last.visibleTestClassName(), last.hiddenTestClassName());
    }

    /**
     * {@return the composite seen as one task: its prompt and declaration, the integration tests as both visible and
     * hidden tests, the integrated reference, every note of the composite and its parts} EVALUATE runs the Executive
     * on it, so the Executive's TEST runs the integration tests whatever TEST's semantics.
     *
     * @param c the composite
     */
    public static CodeTask integrationTask(CompositeTask c) {
        return new CodeTask(c.id(), c.tier(), c.prompt(), c.entryPoint(), c.declaration(), c.integrationTests(),
                c.integrationTests(), TestStyle.TEST_METHODS, Optional.of(c.referenceSolution()),
                c.allKnowledgeNoteIds(), c.integrationClassName(), c.integrationTestClassName(),
                c.integrationTestClassName());
    }

    private float[] observation() {
        float[] o = new float[OBS_DIM];
        o[LAST_ACTION + lastAction + 1] = 1f;
        o[HAS_PLAN] = plan == null ? 0f : 1f;
        int n = subCode.length;
        o[PLANNED] = Math.min(1f, n / (float) CompositeTask.MAX_SUBTASKS);
        int withCode = 0, passed = 0;
        for (int i = 0; i < n; i++) {
            withCode += subCode[i] != null ? 1 : 0;
            passed += subPassed[i] ? 1 : 0;
        }
        o[WITH_CODE] = n == 0 ? 0f : withCode / (float) n;
        o[PASSED_PARTS] = n == 0 ? 0f : passed / (float) n;
        o[LAST_OPTION_FAILED] = lastOptionFailed ? 1f : 0f;
        o[HAS_INTEGRATED] = integrated == null ? 0f : 1f;
        o[EVALUATED] = evaluated ? 1f : 0f;
        o[OUTCOME + lastOutcome] = 1f;
        float m = config.maxSteps();
        o[COUNTS] = Math.min(1f, (counts[PLAN] + counts[REPLAN]) / m);
        o[COUNTS + 1] = Math.min(1f, counts[EXECUTE_NEXT] / m);
        o[COUNTS + 2] = Math.min(1f, counts[INTEGRATE] / m);
        o[COUNTS + 3] = Math.min(1f, counts[EVALUATE] / m);
        o[STEP] = Math.min(1f, steps / m);
        o[FAILED_EVALS_INTEGRATE] = Math.min(1f, failedEvalsSinceIntegrate / 3f);
        o[FAILED_EVALS_PLAN] = Math.min(1f, failedEvalsSincePlan / 3f);
        return o;
    }

    /**
     * Ground truth for oracles and tests (never part of the observation): runs the integration tests on the current
     * integrated code, without counting a test run.
     *
     * @return whether there is integrated code and it passes the integration tests
     */
    public boolean integratedCodePasses() {
        return integrated != null && judge.judge(integrationTask, integrated, true).passed();
    }

    /** {@return the composite of the current episode, or null before the first reset} */
    public CompositeTask composite() {
        return composite;
    }

    /** {@return the code model of the current episode (oracles read its ground truth), or null before a reset} */
    public CodeModel model() {
        return model;
    }

    /** {@return the current plan's subtasks, empty before PLAN} */
    public List<Plan.PlannedSubtask> plan() {
        return plan == null ? List.of() : plan;
    }

    /** {@return the code of each planned subtask, null where none was written yet; a read-only list} */
    public List<String> subtaskCodes() {
        return Collections.unmodifiableList(Arrays.asList(subCode.clone()));
    }

    /** {@return whether each planned subtask's last option ended on code that passed its tests} */
    public boolean[] subtaskPassed() {
        return subPassed.clone();
    }

    /** {@return the integrated code, or null when there is none} */
    public String integratedCode() {
        return integrated;
    }

    /** {@return the settings} */
    public HierarchicalConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "HierarchicalEnv[" + composites.size() + " composites, maxSteps=" + config.maxSteps() + "]";
    }
}

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
import dev.rlcode.envs.code.model.GenerateRequest;
import dev.rlcode.envs.code.model.RepairRequest;
import dev.rlcode.envs.code.retrieval.NoteIndex;
import dev.rlcode.envs.code.retrieval.ScoredNote;
import dev.rlcode.envs.code.sandbox.ExecutionResult;
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.KnowledgeNote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * The Executive of the code experiment: decides, one step at a time, whether to generate code, test it, debug it,
 * look up notes or stop.
 *
 * <p><b>Description.</b> An episode works on one {@link CodeTask} with one {@link CodeModel} and a {@link CodeJudge}
 * (normally the sandbox). TEST runs the task's whole unit-test suite ({@link CodeJudge#judgeSuite}: the visible
 * tests, then the hidden ones) and reports the first failing test's message; success is judged at STOP by that
 * same suite (so a STOP right after a passing TEST on unchanged code is a success, and code that fails one of the
 * visible examples never is, even where the hidden tests miss that case). The visible tests stay the examples the model sees in its prompt; the hidden tests' sources never
 * reach the model or the agent, only a failing test's message does (as feedback to DEBUG).
 *
 * <p><b>Action Space.</b> {@code Discrete(5)}, the ordinals of {@link ExecutiveAction}: 0 GENERATE (model.generate,
 * replaces the code), 1 TEST (the full suite; the sandbox's message becomes the feedback), 2 DEBUG
 * (model.repair with the code, the last feedback and the notes retrieved so far), 3 SEARCH
 * ({@code NoteIndex.search(prompt + feedback, notesPerSearch)}, with the current code appended under
 * {@link ExecutiveConfig.SearchQuery#PROMPT_FEEDBACK_CODE}, or the three searched apart and fused under
 * {@link ExecutiveConfig.SearchQuery#FUSED}; the notes stay in context; in an episode drawn to miss, with probability
 * {@link ExecutiveConfig#searchMissRate()}, the task's own notes are left out of every result; under
 * {@link ExecutiveConfig#searchNewNotes()} so are the notes already in context), 4 STOP.
 * The mask ({@code boolean[5]}, true = legal) allows: GENERATE except in evaluation mode (and, under
 * {@link ExecutiveConfig#maskRegenerate()}, except while the current code is untested); TEST only when there is
 * code that has not been tested; DEBUG and SEARCH only when the last TEST failed and the code has not changed since
 * (SEARCH once per failed test; under {@link ExecutiveConfig.SearchAfter#FAILED_DEBUG} only when the failing code
 * came from a DEBUG); STOP always, so a legal action always exists.
 *
 * <p><b>Observation Space.</b> {@code Box(0, 1, 21)}: [0..5] one-hot last action (none, GENERATE, TEST, DEBUG,
 * SEARCH, STOP); [6..10] one-hot outcome of the last TEST (none, passed, compile error, test failed, other error:
 * runtime error, timeout, crash, rejection); [11..14] counts of GENERATE, TEST, DEBUG, SEARCH divided by
 * {@code maxSteps}; [15] notes retrieved; [16] step / maxSteps; [17] code exists; [18] the current code has been
 * tested; [19] the last TEST passed and the code has not changed since; [20] evaluation mode.
 *
 * <p><b>Rewards.</b> Per action: {@code llmCallCost} for GENERATE and DEBUG, {@code testCost} for TEST,
 * {@code searchCost} for SEARCH. STOP adds {@code successReward} when the current code was tested and passes the
 * whole suite (visible, then hidden tests), else {@code failureReward} (failing, untested or missing code).
 * Truncation adds
 * {@code failureReward}.
 *
 * <p><b>Starting State.</b> {@link #reset(long)} draws a task uniformly from the task list with the seed and asks the
 * model factory for a model seeded with the reset seed, so one seed gives every policy the same task and the same
 * first answer; later answers are the same for the same sequence of calls (the synthetic model draws each answer
 * from one stream, so a policy that acts differently earlier gets other draws later, as it would from a real
 * model). {@link #reset(ExecutiveEpisode)} fixes the task; with start code it begins in evaluation mode: that code
 * is current and untested, and GENERATE is masked out for the whole episode.
 *
 * <p><b>Episode End.</b> Terminated by STOP; truncated after {@code maxSteps} actions.
 *
 * <p><b>Arguments.</b> {@link ExecutiveConfig}; the tasks; a factory {@code seed -> CodeModel}; the judge; the note
 * index. <b>Info</b> of every step: {@code llm_calls}, {@code test_runs}, {@code searches}, {@code search_hits}
 * (SEARCHes whose results held one of the task's own notes, {@link CodeTask#knowledgeNoteIds()}: a diagnostic of
 * the retrieval, never shown to the agent), {@code trace} (actions joined by {@code -}); at the end also
 * {@code notes_withheld} (whether the episode was drawn to miss), {@code success} and {@code task}.
 *
 * <p><b>Version History.</b> v0: first version; TEST ran only the visible tests. v1: TEST runs the visible and the
 * hidden tests. Under v0 a deep fault (one only the hidden tests show, see
 * {@link dev.rlcode.envs.code.model.mutation.FaultClass#DEEP}) passed TEST, and DEBUG and SEARCH are masked out
 * after a passing test, so no policy could observe it, let alone repair it: every observation-based policy was
 * capped near 80% success. Under v1 it fails TEST, a DEBUG without the task's note leaves it in place, and
 * SEARCH then DEBUG can remove it (generate-test-debug-test-search-debug-test-stop). Rewards, mask rules and the
 * observation layout are unchanged. Since 2026-12-07 (v1, same id) STOP judges success on the whole suite, as TEST
 * does, not on the hidden tests alone: code failing a visible example whose case the hidden tests miss had counted
 * as solved.
 *
 * <p>Not thread-safe; the judge and the index may be shared between envs if they are thread-safe.
 */
public final class ExecutiveEnv implements Env<float[], Integer>, ActionMasked {

    /** Length of the observation vector. */
    public static final int OBS_DIM = 21;
    private static final int LAST_ACTION = 0, OUTCOME = 6, COUNTS = 11, NOTES = 15, STEP = 16, HAS_CODE = 17,
            TESTED = 18, PASSED = 19, EVAL_MODE = 20;
    private static final int GENERATE = 0, TEST = 1, DEBUG = 2, SEARCH = 3, STOP = 4;

    private final ExecutiveConfig config;
    private final List<CodeTask> tasks;
    private final LongFunction<? extends CodeModel> models;
    private final CodeJudge judge;
    private final NoteIndex index;
    private final Box observationSpace = Box.of(0f, 1f, OBS_DIM);
    private final Discrete actionSpace = new Discrete(ExecutiveAction.values().length);

    private final ResetSeeds resetSeeds = new ResetSeeds();
    private boolean running;
    private CodeTask task;
    private CodeModel model;
    private boolean evaluationMode;
    private String code;
    private ExecutionResult lastTest;
    private boolean tested;
    private boolean searchedSinceTest;
    private boolean codeFromDebug;
    private boolean notesWithheld;
    private String feedback;
    private final List<KnowledgeNote> context = new ArrayList<>();
    private final int[] counts = new int[ExecutiveAction.values().length];
    private final List<String> trace = new ArrayList<>();
    private int steps;
    private int lastAction;
    private int llmCalls;
    private int testRuns;
    private int searches;
    private int searchHits;

    /**
     * @param config the step limit and rewards
     * @param tasks  the tasks {@link #reset(long)} draws from; not empty
     * @param models makes the code model of an episode from its reset seed
     * @param judge  runs the test suite ({@link CodeJudge#judgeSuite}) for TEST and STOP
     * @param index  the notes SEARCH queries
     * @throws IllegalArgumentException if {@code tasks} is empty
     */
    public ExecutiveEnv(ExecutiveConfig config, List<CodeTask> tasks, LongFunction<? extends CodeModel> models,
                        CodeJudge judge, NoteIndex index) {
        this.config = Objects.requireNonNull(config, "config");
        this.tasks = List.copyOf(tasks);
        if (this.tasks.isEmpty()) {
            throw new IllegalArgumentException("tasks: expected at least one, actual none");
        }
        this.models = Objects.requireNonNull(models, "models");
        this.judge = Objects.requireNonNull(judge, "judge");
        this.index = Objects.requireNonNull(index, "index");
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
        CodeTask t = tasks.get(Rng.of(seed, Rng.Stream.ENV + 1).nextInt(tasks.size()));
        return reset(ExecutiveEpisode.of(t, seed));
    }

    @Override
    public ResetResult<float[]> reset() {
        return resetSeeds.next(seed -> reset(seed));
    }

    /**
     * Starts a fixed episode (same task and model seed for every policy evaluated on it).
     *
     * @param episode the task, the seed of the model and, for evaluation mode, the start code
     * @return the first observation; info holds {@code task}
     */
    public ResetResult<float[]> reset(ExecutiveEpisode episode) {
        task = episode.task();
        model = Objects.requireNonNull(models.apply(episode.seed()), "model of seed " + episode.seed());
        evaluationMode = episode.startCode().isPresent();
        code = episode.startCode().orElse(null);
        lastTest = null;
        tested = false;
        searchedSinceTest = false;
        codeFromDebug = false;
        notesWithheld = config.searchMissRate() > 0
                && Rng.of(episode.seed(), Rng.Stream.ENV + 2).nextDouble() < config.searchMissRate();
        feedback = "";
        context.clear();
        java.util.Arrays.fill(counts, 0);
        trace.clear();
        steps = 0;
        lastAction = -1;
        llmCalls = 0;
        testRuns = 0;
        searches = 0;
        searchHits = 0;
        running = true;
        return new ResetResult<>(observation(), Map.of("task", task.id()));
    }

    @Override
    public boolean[] actionMask() {
        boolean failedAndUnchanged = tested && lastTest != null && !lastTest.passed();
        return new boolean[] {
                !evaluationMode && !(config.maskRegenerate() && code != null && !tested),
                code != null && !tested,
                failedAndUnchanged,
                failedAndUnchanged && !searchedSinceTest
                        && (codeFromDebug || config.searchAfter() == ExecutiveConfig.SearchAfter.FAILED_TEST),
                true};
    }

    @Override
    public StepResult<float[]> step(Integer action) {
        StepChecks.requireLegal(running, action, actionSpace, actionMask(), i -> ExecutiveAction.of(i).name());
        steps++;
        counts[action]++;
        lastAction = action;
        trace.add(ExecutiveAction.of(action).label());
        double reward;
        boolean terminated = false;
        Boolean success = null;
        switch (action) {
            case GENERATE -> {
                llmCalls++;
                setCode(model.generate(new GenerateRequest(task.id(), task.prompt(), task.declaration(),
                        List.copyOf(context))).code(), false);
                reward = config.llmCallCost();
            }
            case TEST -> {
                testRuns++;
                lastTest = judge.judgeSuite(task, code);
                feedback = feedbackOf(lastTest);
                tested = true;
                searchedSinceTest = false;
                reward = config.testCost();
            }
            case DEBUG -> {
                llmCalls++;
                setCode(model.repair(new RepairRequest(task.id(), task.prompt(), code, feedback,
                        List.copyOf(context))).code(), true);
                reward = config.llmCallCost();
            }
            case SEARCH -> {
                searchedSinceTest = true;
                searches++;
                boolean hit = false;
                for (ScoredNote n : searchNotes()) {
                    hit |= task.knowledgeNoteIds().contains(n.note().id());
                    if (context.stream().noneMatch(k -> k.id().equals(n.note().id()))) {
                        context.add(n.note());
                    }
                }
                searchHits += hit ? 1 : 0;
                reward = config.searchCost();
            }
            default -> { // STOP
                terminated = true;
                // the whole suite, as TEST runs it: code failing one of the task's own examples is no solution,
                // even where the hidden tests do not cover that example (the sandbox's cache answers a STOP after
                // TEST on unchanged code without a second run)
                success = code != null && tested && judge.judgeSuite(task, code).passed();
                reward = success ? config.successReward() : config.failureReward();
            }
        }
        boolean truncated = !terminated && steps >= config.maxSteps();
        if (truncated) {
            success = false;
            reward += config.failureReward();
            if (config.stepLimitTerminates()) { // the limit is part of the task: no bootstrapping past it
                truncated = false;
                terminated = true;
            }
        }
        running = !(terminated || truncated);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("llm_calls", llmCalls);
        info.put("test_runs", testRuns);
        info.put("searches", searches);
        info.put("search_hits", searchHits);
        info.put("trace", String.join("-", trace));
        if (success != null) {
            info.put("notes_withheld", notesWithheld);
            info.put("success", success);
            info.put("task", task.id());
        }
        return new StepResult<>(observation(), reward, terminated, truncated, info);
    }

    private List<ScoredNote> searchNotes() {
        String current = code == null ? "" : code;
        int k = config.notesPerSearch();
        // notes left out of the result: the task's own in an episode drawn to miss, those in context under
        // searchNewNotes; the index is asked for as many more, so that k remain
        java.util.Set<String> excluded = new java.util.HashSet<>();
        if (notesWithheld) {
            excluded.addAll(task.knowledgeNoteIds());
        }
        if (config.searchNewNotes()) {
            context.forEach(n -> excluded.add(n.id()));
        }
        int asked = k + excluded.size();
        List<ScoredNote> found = switch (config.searchQuery()) {
            case PROMPT_FEEDBACK -> index.search(task.prompt() + "\n" + feedback, asked);
            case PROMPT_FEEDBACK_CODE -> index.search(task.prompt() + "\n" + feedback + "\n" + current, asked);
            case FUSED -> index.searchFused(List.of(task.prompt(), feedback, current), asked);
        };
        return excluded.isEmpty() ? found
                : found.stream().filter(n -> !excluded.contains(n.note().id())).limit(k).toList();
    }

    private void setCode(String newCode, boolean fromDebug) {
        code = newCode;
        codeFromDebug = fromDebug;
        tested = false;
        searchedSinceTest = false;
    }

    private float[] observation() {
        float[] o = new float[OBS_DIM];
        o[LAST_ACTION + lastAction + 1] = 1f;
        o[OUTCOME + outcomeKind(lastTest)] = 1f;
        float m = config.maxSteps();
        for (int a = GENERATE; a <= SEARCH; a++) {
            o[COUNTS + a] = Math.min(1f, counts[a] / m);
        }
        o[NOTES] = context.isEmpty() ? 0f : 1f;
        o[STEP] = Math.min(1f, steps / m);
        o[HAS_CODE] = code == null ? 0f : 1f;
        o[TESTED] = tested ? 1f : 0f;
        o[PASSED] = tested && lastTest != null && lastTest.passed() ? 1f : 0f;
        o[EVAL_MODE] = evaluationMode ? 1f : 0f;
        return o;
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

    /** {@return the feedback a coder gets from a test result: the sandbox's message} */
    static String feedbackOf(ExecutionResult r) {
        return switch (r) {
            case ExecutionResult.Passed p -> "all " + p.testsRun() + " tests passed";
            case ExecutionResult.CompileError c -> "compile error: " + c.diagnostics().stream()
                    .map(Object::toString).collect(Collectors.joining("\n"));
            case ExecutionResult.TestFailed f -> "test " + f.test() + " failed: " + f.message();
            case ExecutionResult.RuntimeError e -> "runtime error: " + e.summary();
            case ExecutionResult.Timeout t -> "timeout after " + t.limit().toMillis() + " ms";
            case ExecutionResult.Crashed c -> "crashed: " + c.detail();
            case ExecutionResult.Rejected j -> "rejected: " + j.reason();
        };
    }

    /** {@return the task of the current episode, or null before the first reset} */
    public CodeTask task() {
        return task;
    }

    /** {@return the code model of the current episode (oracles read its ground truth), or null before a reset} */
    public CodeModel model() {
        return model;
    }

    /** {@return the current code, or null when none was generated yet} */
    public String code() {
        return code;
    }

    /** {@return whether the current episode is in evaluation mode (started from given code)} */
    public boolean evaluationMode() {
        return evaluationMode;
    }

    /** {@return whether notes have been retrieved in this episode} */
    public boolean hasNotes() {
        return !context.isEmpty();
    }

    /** {@return the notes retrieved in this episode, in retrieval order (oracles compare them with the task's)} */
    public List<KnowledgeNote> notes() {
        return List.copyOf(context);
    }

    /** {@return the settings} */
    public ExecutiveConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "ExecutiveEnv[" + tasks.size() + " tasks, maxSteps=" + config.maxSteps() + "]";
    }
}

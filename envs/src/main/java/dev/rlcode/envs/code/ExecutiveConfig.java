package dev.rlcode.envs.code;

/**
 * Settings of an {@link ExecutiveEnv}. The default costs were fixed before any agent was trained or evaluated: an
 * LLM call (GENERATE, DEBUG) costs five times a sandbox test run, because in a real deployment it takes seconds and
 * money while a test run takes a few hundred milliseconds.
 *
 * @param maxSteps     actions per episode before truncation (the truncated episode gets {@code failureReward})
 * @param llmCallCost  reward added for GENERATE and DEBUG (an LLM call), usually negative
 * @param testCost     reward added for TEST (a sandbox run of the test suite), usually negative
 * @param searchCost   reward added for SEARCH (a BM25 query over the notes), usually negative
 * @param successReward reward for STOP on tested code that passes the hidden tests
 * @param failureReward reward for STOP on failing, untested or missing code, and on truncation
 * @param notesPerSearch notes SEARCH retrieves ({@code k} of the BM25 query)
 * @param searchQuery  what SEARCH sends to the index (default {@link SearchQuery#PROMPT_FEEDBACK}, as in v1)
 * @param searchAfter  which failed tests make SEARCH legal (default {@link SearchAfter#FAILED_TEST}, the mask of
 *                     issue 4 and of v1)
 * @param maskRegenerate whether GENERATE is masked out while the current code is untested (default false, as in
 *                     v1): a new sample before the last one was tested only spends a call, since TEST is cheaper and
 *                     a pass ends the episode, so the rule removes a dominated action without changing what any
 *                     policy can reach
 * @param searchMissRate probability that an episode's retrieval fails: drawn once per episode from its seed, and
 *                     when it fails every SEARCH of the episode returns the next-best notes with the task's own
 *                     notes ({@link dev.rlcode.envs.code.task.CodeTask#knowledgeNoteIds()}) left out (default 0, as
 *                     in v1). A simulated retrieval miss for robustness studies and for training: held-out tasks'
 *                     queries miss their notes more often than training tasks' do, and a miss persists within an
 *                     episode because the same query finds the same notes
 * @param searchNewNotes whether a SEARCH returns the best {@code notesPerSearch} notes not yet in the context
 *                     (true), or the best ones whether or not an earlier SEARCH of the episode already retrieved them
 *                     (false, the default, as in v1: a repeated query then adds nothing)
 * @param stepLimitTerminates whether running out of steps ends the episode as {@code terminated} (true) or as
 *                     {@code truncated} (false, the default, as issue 4 words it and as in v1). Either way the episode
 *                     fails and gets {@code failureReward}. The step fraction is in the observation and the limit is
 *                     priced, so the limit is part of the task (Pardo et al. 2018, "Time Limits in Reinforcement
 *                     Learning"): with {@code truncated} a DQN bootstraps from the last state, whose value it never
 *                     learns, while {@code terminated} ends the return there
 */
public record ExecutiveConfig(int maxSteps, double llmCallCost, double testCost, double searchCost,
                              double successReward, double failureReward, int notesPerSearch,
                              SearchQuery searchQuery, SearchAfter searchAfter, boolean maskRegenerate,
                              double searchMissRate, boolean searchNewNotes, boolean stepLimitTerminates) {

    /** What SEARCH queries the notes with. */
    public enum SearchQuery {
        /** The task's prompt and the last test's feedback (ExecutiveEnv v1; the default). */
        PROMPT_FEEDBACK("prompt+feedback"),
        /** The prompt, the feedback and the current code: identifiers and operators in the code name the API. */
        PROMPT_FEEDBACK_CODE("prompt+feedback+code"),
        /**
         * The same three texts as separate BM25 queries whose rankings are fused by reciprocal rank
         * ({@link dev.rlcode.envs.code.retrieval.NoteIndex#searchFused}), so the code gets one vote, not most terms.
         */
        FUSED("fused");

        private final String text;

        SearchQuery(String text) {
            this.text = text;
        }

        /** {@return the name used in config files and on the command line, e.g. {@code prompt+feedback}} */
        public String text() {
            return text;
        }

        /** {@return the value named {@code text}} @throws IllegalArgumentException naming the allowed names */
        public static SearchQuery of(String text) {
            return named("searchQuery", values(), SearchQuery::text, text);
        }
    }

    /**
     * After which failed tests SEARCH is legal. Issue 4's mask allows it after any failed test; the reference study's
     * third template (generate, test, debug, test, search, debug, test, stop) searches only once a repair has failed,
     * which {@link #FAILED_DEBUG} enforces.
     */
    public enum SearchAfter {
        /** After any failed TEST of unchanged code (issue 4's mask; the default). */
        FAILED_TEST,
        /** Only after a failed TEST of code that a DEBUG produced (the order of the reference templates). */
        FAILED_DEBUG;

        /** {@return the name in config files and on the command line: {@code failed-test}, {@code failed-debug}} */
        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /** {@return the value named {@code text}} @throws IllegalArgumentException naming the allowed names */
        public static SearchAfter of(String text) {
            return named("searchAfter", values(), SearchAfter::text, text);
        }
    }

    private static <E> E named(String key, E[] values, java.util.function.Function<E, String> name, String text) {
        for (E e : values) {
            if (name.apply(e).equals(text.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException(key + ": expected " + java.util.Arrays.stream(values).map(name)
                .collect(java.util.stream.Collectors.joining(" or ")) + ", actual " + text);
    }

    /** As the canonical constructor with the default {@link SearchQuery} and {@link SearchAfter}. */
    public ExecutiveConfig(int maxSteps, double llmCallCost, double testCost, double searchCost,
                           double successReward, double failureReward, int notesPerSearch) {
        this(maxSteps, llmCallCost, testCost, searchCost, successReward, failureReward, notesPerSearch,
                SearchQuery.PROMPT_FEEDBACK, SearchAfter.FAILED_TEST, false, 0.0, false, false);
    }


    /** Validates the fields. */
    public ExecutiveConfig {
        java.util.Objects.requireNonNull(searchQuery, "searchQuery");
        java.util.Objects.requireNonNull(searchAfter, "searchAfter");
        if (maxSteps < 2) {
            throw new IllegalArgumentException("maxSteps: expected >= 2, actual " + maxSteps);
        }
        if (!(searchMissRate >= 0 && searchMissRate <= 1)) {
            throw new IllegalArgumentException("searchMissRate: expected a probability in [0, 1], actual "
                    + searchMissRate);
        }
        if (notesPerSearch < 1) {
            throw new IllegalArgumentException("notesPerSearch: expected >= 1, actual " + notesPerSearch);
        }
        for (double d : new double[] {llmCallCost, testCost, searchCost, successReward, failureReward}) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("rewards: expected finite values, actual " + d);
            }
        }
    }

    /**
     * {@return the defaults: 12 steps; LLM call −0.05, test −0.01, search −0.01; +1 success, −1 failure; 3 notes;
     * the v1 query; SEARCH after any failed test; GENERATE never masked outside evaluation mode; no simulated
     * retrieval misses; a repeated SEARCH may return the same notes}
     */
    public static ExecutiveConfig defaults() {
        return new ExecutiveConfig(12, -0.05, -0.01, -0.01, 1.0, -1.0, 3);
    }

    /** The names {@link #with(String, String)} accepts: the record's components. */
    public static final java.util.List<String> KEYS = java.util.List.of("maxSteps", "llmCallCost", "testCost",
            "searchCost", "successReward", "failureReward", "notesPerSearch", "searchQuery", "searchAfter",
            "maskRegenerate", "searchMissRate", "searchNewNotes", "stepLimitTerminates");

    /**
     * {@return a copy with one component replaced, parsed from text} (the CLI's {@code --env-set KEY=VALUE})
     *
     * @param key   a name from {@link #KEYS}
     * @param value an integer for {@code maxSteps} and {@code notesPerSearch}, a finite number for the rewards,
     *              {@code prompt+feedback} or {@code prompt+feedback+code} for {@code searchQuery},
     *              {@code failed-test} or {@code failed-debug} for {@code searchAfter}, {@code true} or
     *              {@code false} for {@code maskRegenerate}, {@code searchNewNotes} and
     *              {@code stepLimitTerminates}, a probability for
     *              {@code searchMissRate}
     * @throws IllegalArgumentException naming the key and the value when the key is unknown, the value does not
     *                                  parse, or the result fails validation
     */
    public ExecutiveConfig with(String key, String value) {
        if (!KEYS.contains(key)) {
            throw new IllegalArgumentException(key + "=" + value + ": expected a key among " + KEYS);
        }
        String v = value.trim();
        int steps = maxSteps, notes = notesPerSearch;
        double llm = llmCallCost, test = testCost, search = searchCost, success = successReward,
                failure = failureReward;
        SearchQuery query = searchQuery;
        SearchAfter after = searchAfter;
        boolean regenerate = maskRegenerate;
        double miss = searchMissRate;
        boolean fresh = searchNewNotes;
        boolean limitTerminates = stepLimitTerminates;
        try {
            switch (key) {
                case "maxSteps" -> steps = Integer.parseInt(v);
                case "llmCallCost" -> llm = Double.parseDouble(v);
                case "testCost" -> test = Double.parseDouble(v);
                case "searchCost" -> search = Double.parseDouble(v);
                case "successReward" -> success = Double.parseDouble(v);
                case "failureReward" -> failure = Double.parseDouble(v);
                case "notesPerSearch" -> notes = Integer.parseInt(v);
                case "searchQuery" -> query = SearchQuery.of(v);
                case "searchAfter" -> after = SearchAfter.of(v);
                case "maskRegenerate" -> regenerate = parseBoolean(v);
                case "searchMissRate" -> miss = Double.parseDouble(v);
                case "searchNewNotes" -> fresh = parseBoolean(v);
                default -> limitTerminates = parseBoolean(v); // stepLimitTerminates, the last of KEYS
            }
            return new ExecutiveConfig(steps, llm, test, search, success, failure, notes, query, after, regenerate,
                    miss, fresh, limitTerminates);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + value + ": expected "
                    + (key.equals("maxSteps") || key.equals("notesPerSearch") ? "an integer" : "a number"), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + "=" + value + ": " + e.getMessage(), e);
        }
    }

    private static boolean parseBoolean(String v) {
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    /** {@return a copy with another step limit} @param steps the limit */
    public ExecutiveConfig withMaxSteps(int steps) {
        return new ExecutiveConfig(steps, llmCallCost, testCost, searchCost, successReward, failureReward,
                notesPerSearch, searchQuery, searchAfter, maskRegenerate, searchMissRate, searchNewNotes,
                stepLimitTerminates);
    }
}

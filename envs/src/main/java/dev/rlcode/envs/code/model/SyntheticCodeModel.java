package dev.rlcode.envs.code.model;

import dev.rlcode.envs.code.model.mutation.Edit;
import dev.rlcode.envs.code.model.mutation.Fault;
import dev.rlcode.envs.code.model.mutation.FaultCatalog;
import dev.rlcode.envs.code.model.mutation.FaultClass;
import dev.rlcode.envs.code.model.mutation.MutationEngine;
import dev.rlcode.envs.code.task.CodeTask;
import dev.rlcode.envs.code.task.CompositeTask;
import dev.rlcode.envs.code.task.KnowledgeNote;
import dev.rlcode.envs.code.task.SourceMerger;
import dev.rlcode.envs.code.task.Tier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The offline default {@link CodeModel}: simulates a noisy LLM coder with real code. For each task it knows the
 * reference solution and a {@link FaultCatalog} of real mutants (from the {@link MutationEngine}); every answer is
 * the reference with zero or more of those faults applied, so the sandbox judges real code.
 *
 * <ul>
 *   <li><b>generate</b>: the reference with probability {@code pCorrect<Tier>}, else one fault (shallow with
 *       probability {@code shallowWeight}), plus on HARD tasks a second fault with {@code pSecondFaultHard}.</li>
 *   <li><b>repair</b>: recognises the faults of code it wrote; targets a shallow fault first. A shallow fault is
 *       fixed with {@code pFixShallow}; a deep one with {@code pFixDeepWithNote} only when one of the task's
 *       knowledge notes is in the request, never without. A failed fix swaps in another fault with
 *       {@code pNewFaultOnFailedFix}; any repair adds a fault with {@code pBreakOnRepair}. Code it did not write
 *       is rewritten from scratch as by generate.</li>
 *   <li><b>plan</b>: the composite's subtasks, one dropped with {@code pPlanDrop} and two adjacent ones merged
 *       (ids joined by {@code "+"}) with {@code pPlanMerge}.</li>
 *   <li><b>integrate</b>: {@link SourceMerger#merge} of the sub-solutions and the reference top-level class; with
 *       {@code pIntegrateMismatch} one call into a subtask class is renamed or has its first two arguments
 *       swapped.</li>
 *   <li><b>repair of integrated code</b> (code this model integrated, request id = the composite's id): targets the
 *       interface mismatch first (fixed with {@code pFixShallow}), else the first fault of a sub-solution this model
 *       wrote (shallow ones first), under the same rules as repair above (a deep fault needs one of that part's notes);
 *       the result is re-integrated from the repaired parts. A missing part (a dropped subtask) is never written by
 *       repair: only a new plan brings it back. Other code under a composite id is returned unchanged (repair never
 *       regenerates a whole composite). A merged subtask (ids joined by {@code "+"}) is rewritten as by generate.</li>
 * </ul>
 * Token counts are characters / 4; latency is {@code baseLatencyMillis + millisPerToken * tokensOut} ±20%.
 * Deterministic for a given seed and call sequence. Not thread-safe: give each environment its own instance.
 */
public final class SyntheticCodeModel implements CodeModel {

    private record Entry(CodeTask task, FaultCatalog catalog) {
    }

    /** How an integrated unit was built: its parts and the mismatched call ({@code call < 0}: none). */
    private record Integration(CompositeTask composite, List<String> parts, int call, boolean swap) {
    }

    private final SyntheticModelConfig config;
    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, CompositeTask> composites = new HashMap<>();
    private final Map<String, List<Fault>> written = new HashMap<>();
    private final Map<String, Entry> authors = new HashMap<>();
    private final Map<String, List<String>> merges = new HashMap<>();
    private final Map<String, Integration> integrations = new HashMap<>();
    private final RandomGenerator rng;

    /**
     * @param config     the probabilities and the seed
     * @param tasks      the tasks it can solve, each with a reference solution
     * @param catalogs   one fault catalogue per task (matched by task id)
     * @param composites composite tasks it can plan and integrate (their subtasks must be among {@code tasks})
     * @throws IllegalArgumentException if a task has no reference or no catalogue
     */
    public SyntheticCodeModel(SyntheticModelConfig config, List<CodeTask> tasks, List<FaultCatalog> catalogs,
                              List<CompositeTask> composites) {
        this.config = Objects.requireNonNull(config, "config");
        Map<String, FaultCatalog> byId = new HashMap<>();
        catalogs.forEach(c -> byId.put(c.taskId(), c));
        for (CodeTask t : tasks) {
            FaultCatalog c = byId.get(t.id());
            if (c == null) {
                throw new IllegalArgumentException("catalogs: expected one for task " + t.id() + ", actual none");
            }
            if (!t.referenceSolution().orElse("").equals(c.reference())) {
                throw new IllegalArgumentException("catalog of " + t.id() + ": expected the task's reference solution");
            }
            entries.put(t.id(), new Entry(t, c));
            written.put(c.reference(), List.of());
            authors.put(c.reference(), new Entry(t, c));
        }
        composites.forEach(c -> this.composites.put(c.id(), c));
        this.rng = RandomGeneratorFactory.of("L64X128MixRandom").create(config.seed());
    }

    /** {@return the settings} */
    public SyntheticModelConfig config() {
        return config;
    }

    @Override
    public Completion generate(GenerateRequest request) {
        String code;
        if (!entries.containsKey(request.taskId()) && request.taskId().contains("+")) {
            List<String> parts = new ArrayList<>();
            for (String id : request.taskId().split("\\+")) {
                parts.add(fresh(entry(id)));
            }
            code = SourceMerger.merge(parts);
            merges.putIfAbsent(code, List.copyOf(parts));
        } else {
            code = fresh(entry(request.taskId()));
        }
        return completion(request.prompt().length() + request.declaration().length() + notesLength(request.notes()), code);
    }

    @Override
    public Completion repair(RepairRequest request) {
        int inputChars = request.prompt().length() + request.code().length() + request.feedback().length()
                + notesLength(request.notes());
        Integration integration = integrations.get(request.code());
        if (integration != null) {
            return completion(inputChars, repairIntegrated(integration, request));
        }
        if (!entries.containsKey(request.taskId()) && composites.containsKey(request.taskId())) {
            return completion(inputChars, request.code());
        }
        if (!entries.containsKey(request.taskId()) && request.taskId().contains("+")) {
            return generate(new GenerateRequest(request.taskId(), request.prompt(), "", request.notes()));
        }
        Entry e = entry(request.taskId());
        List<Fault> faults = written.get(request.code());
        String code;
        if (faults == null) {
            code = fresh(e);
        } else {
            List<Fault> next = new ArrayList<>(faults);
            if (!next.isEmpty()) {
                Fault target = next.stream().filter(f -> f.faultClass() == FaultClass.SHALLOW).findFirst().orElse(next.getFirst());
                boolean fixed = target.faultClass() == FaultClass.SHALLOW
                        ? rng.nextDouble() < config.pFixShallow()
                        : hasTaskNote(e, request.notes()) && rng.nextDouble() < config.pFixDeepWithNote();
                if (fixed) {
                    next.remove(target);
                } else if (rng.nextDouble() < config.pNewFaultOnFailedFix()) {
                    next.remove(target);
                    addFault(e, next, target.faultClass() == FaultClass.SHALLOW);
                }
            }
            if (rng.nextDouble() < config.pBreakOnRepair()) {
                addFault(e, next, rng.nextDouble() < config.shallowWeight());
            }
            code = write(e, next);
        }
        return completion(request.prompt().length() + request.code().length() + request.feedback().length()
                + notesLength(request.notes()), code);
    }

    @Override
    public Plan plan(PlanRequest request) {
        CompositeTask c = composites.get(request.taskId());
        List<Plan.PlannedSubtask> steps = new ArrayList<>();
        if (c == null) {
            steps.add(new Plan.PlannedSubtask(request.taskId(), request.prompt()));
        } else {
            c.subtasks().forEach(t -> steps.add(new Plan.PlannedSubtask(t.id(), t.prompt())));
            if (steps.size() >= 2 && rng.nextDouble() < config.pPlanDrop()) {
                steps.remove(rng.nextInt(steps.size()));
            }
            if (steps.size() >= 2 && rng.nextDouble() < config.pPlanMerge()) {
                int i = rng.nextInt(steps.size() - 1);
                Plan.PlannedSubtask a = steps.get(i);
                Plan.PlannedSubtask b = steps.remove(i + 1);
                steps.set(i, new Plan.PlannedSubtask(a.id() + "+" + b.id(), a.prompt() + "\n\n" + b.prompt()));
            }
        }
        int out = steps.stream().mapToInt(s -> s.prompt().length()).sum() / 4 + 1;
        return new Plan(steps, request.prompt().length() / 4 + 1, out, latency(out));
    }

    @Override
    public Completion integrate(IntegrateRequest request) {
        CompositeTask c = composites.get(request.taskId());
        int in = request.prompt().length() + request.subSolutions().stream().mapToInt(String::length).sum();
        if (c == null) {
            return completion(in, SourceMerger.merge(request.subSolutions()));
        }
        List<String> parts = new ArrayList<>();
        request.subSolutions().forEach(s -> parts.addAll(merges.getOrDefault(s, List.of(s))));
        int call = -1;
        boolean swap = false;
        if (rng.nextDouble() < config.pIntegrateMismatch()) {
            List<SourceTrees.CallSite> calls = callsInto(c, assemble(c, parts, -1, false));
            if (!calls.isEmpty()) {
                call = rng.nextInt(calls.size());
                swap = calls.get(call).argSpans().size() >= 2 && rng.nextBoolean();
            }
        }
        return completion(in, assemble(c, parts, call, swap));
    }

    /** Merges the parts and the reference top-level class, mismatches call number {@code call} if >= 0, records it. */
    private String assemble(CompositeTask c, List<String> parts, int call, boolean swap) {
        List<String> units = new ArrayList<>(parts);
        units.add(SourceTrees.topLevelClass(c.referenceSolution(), c.integrationClassName()).orElseThrow(
                () -> new CodeModelException("composite " + c.id() + ": reference lacks class " + c.integrationClassName())));
        String code = SourceMerger.merge(units);
        if (call >= 0) {
            SourceTrees.CallSite site = callsInto(c, code).get(call);
            Edit edit = swap ? SourceTrees.swapFirstTwo(code, site) : SourceTrees.rename(site, site.method() + "s");
            code = Edit.applyAll(code, List.of(edit));
        }
        integrations.putIfAbsent(code, new Integration(c, List.copyOf(parts), call, swap));
        return code;
    }

    private static List<SourceTrees.CallSite> callsInto(CompositeTask c, String code) {
        Set<String> owners = new LinkedHashSet<>();
        c.subtasks().forEach(t -> owners.add(t.solutionClassName()));
        return SourceTrees.callsInto(code, c.integrationClassName(), owners);
    }

    /** One repair of integrated code: the mismatch first, else a part's fault (shallow first); then re-integrates. */
    private String repairIntegrated(Integration in, RepairRequest request) {
        List<String> parts = new ArrayList<>(in.parts());
        int call = in.call();
        if (call >= 0) {
            if (rng.nextDouble() < config.pFixShallow()) {
                call = -1;
            }
        } else {
            int part = -1;
            Fault target = null;
            for (FaultClass kind : FaultClass.values()) {
                for (int i = 0; i < parts.size() && target == null; i++) {
                    for (Fault f : written.getOrDefault(parts.get(i), List.of())) {
                        if (f.faultClass() == kind && target == null && authors.containsKey(parts.get(i))) {
                            part = i;
                            target = f;
                        }
                    }
                }
            }
            if (target != null) {
                Entry e = authors.get(parts.get(part));
                List<Fault> next = new ArrayList<>(written.get(parts.get(part)));
                boolean shallow = target.faultClass() == FaultClass.SHALLOW;
                boolean fixed = shallow ? rng.nextDouble() < config.pFixShallow()
                        : hasTaskNote(e, request.notes()) && rng.nextDouble() < config.pFixDeepWithNote();
                if (fixed) {
                    next.remove(target);
                } else if (rng.nextDouble() < config.pNewFaultOnFailedFix()) {
                    next.remove(target);
                    addFault(e, next, shallow);
                }
                parts.set(part, write(e, next));
            }
        }
        if (rng.nextDouble() < config.pBreakOnRepair()) {
            List<Integer> known = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                if (authors.containsKey(parts.get(i))) {
                    known.add(i);
                }
            }
            if (!known.isEmpty()) {
                int i = known.get(rng.nextInt(known.size()));
                Entry e = authors.get(parts.get(i));
                List<Fault> next = new ArrayList<>(written.get(parts.get(i)));
                addFault(e, next, rng.nextDouble() < config.shallowWeight());
                parts.set(i, write(e, next));
            }
        }
        return assemble(in.composite(), parts, call, in.swap());
    }

    private Entry entry(String taskId) {
        Entry e = entries.get(taskId);
        if (e == null) {
            throw new CodeModelException("synthetic model: no reference solution and fault catalogue for task " + taskId);
        }
        return e;
    }

    /** A first attempt: the reference, or the reference with one or two faults. */
    private String fresh(Entry e) {
        double pCorrect = switch (e.task().tier()) {
            case EASY -> config.pCorrectEasy();
            case MEDIUM -> config.pCorrectMedium();
            case HARD -> config.pCorrectHard();
            case NONE -> config.pCorrectOther();
        };
        List<Fault> faults = new ArrayList<>();
        if (rng.nextDouble() >= pCorrect) {
            addFault(e, faults, rng.nextDouble() < config.shallowWeight());
            if (e.task().tier() == Tier.HARD && rng.nextDouble() < config.pSecondFaultHard()) {
                addFault(e, faults, rng.nextDouble() < config.shallowWeight());
            }
        }
        return write(e, faults);
    }

    /** Adds a random fault of the preferred class (else of the other) that does not overlap the present ones. */
    private void addFault(Entry e, List<Fault> present, boolean preferShallow) {
        List<Fault> pool = new ArrayList<>(preferShallow ? e.catalog().shallow() : e.catalog().deep());
        if (pool.isEmpty()) {
            pool.addAll(preferShallow ? e.catalog().deep() : e.catalog().shallow());
        }
        pool.removeIf(f -> present.stream().anyMatch(p -> p.mutant().edit().overlaps(f.mutant().edit())));
        if (!pool.isEmpty()) {
            present.add(pool.get(rng.nextInt(pool.size())));
        }
    }

    private String write(Entry e, List<Fault> faults) {
        String code = Edit.applyAll(e.catalog().reference(), faults.stream().map(f -> f.mutant().edit()).toList());
        written.putIfAbsent(code, List.copyOf(faults));
        authors.putIfAbsent(code, e);
        return code;
    }

    private static boolean hasTaskNote(Entry e, List<KnowledgeNote> notes) {
        return notes.stream().anyMatch(n -> e.task().knowledgeNoteIds().contains(n.id()));
    }

    private static int notesLength(List<KnowledgeNote> notes) {
        return notes.stream().mapToInt(n -> n.title().length() + n.text().length()).sum();
    }

    private Completion completion(int inputChars, String code) {
        int out = code.length() / 4 + 1;
        return new Completion(code, inputChars / 4 + 1, out, latency(out));
    }

    private long latency(int tokensOut) {
        double nominal = config.baseLatencyMillis() + config.millisPerToken() * tokensOut;
        return Math.round(nominal * (0.8 + 0.4 * rng.nextDouble()));
    }

    /**
     * The model's ground truth, for oracle baselines and tests (an agent never sees it).
     *
     * @param code a source
     * @return for a source this model wrote, the faults it holds (empty for the reference); null if unknown
     */
    public List<Fault> faultsOf(String code) {
        return written.get(code);
    }
}

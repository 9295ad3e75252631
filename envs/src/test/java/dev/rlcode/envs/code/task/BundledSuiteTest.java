package dev.rlcode.envs.code.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validates the bundled suite: counts, note references, and that every reference passes its visible, hidden and
 * integration tests while every declaration stub fails every hidden (or integration) test. All tasks run in one forked
 * JVM.
 */
class BundledSuiteTest {

    @TempDir
    Path work;

    @Test
    void suiteHasTheAdvertisedSize() {
        TaskSuite suite = BundledSuite.suite();
        for (Tier tier : List.of(Tier.EASY, Tier.MEDIUM, Tier.HARD)) {
            assertTrue(suite.tasks(tier).size() >= 20, tier + ": " + suite.tasks(tier).size() + " tasks");
        }
        assertTrue(BundledSuite.composites().size() >= 20, "composites: " + BundledSuite.composites().size());
        assertTrue(BundledSuite.notes().size() >= 100, "notes: " + BundledSuite.notes().size());
    }

    @Test
    void everyTaskHasNotesExamplesAndUniqueClasses() {
        Map<String, KnowledgeNote> notes = BundledSuite.suite().notesById();
        Set<String> classes = new HashSet<>();
        for (CodeTask t : BundledSuite.tasks()) {
            assertFalse(t.knowledgeNoteIds().isEmpty(), t.id() + " has no knowledge note");
            t.knowledgeNoteIds().forEach(id -> assertTrue(notes.containsKey(id), t.id() + ": unknown note " + id));
            assertTrue(classes.add(t.solutionClassName()), "class used twice: " + t.solutionClassName());
            assertTrue(t.prompt().contains(t.declaration()), t.id() + ": prompt lacks the declaration");
            assertTrue(t.prompt().contains("Example"), t.id() + ": prompt lacks examples");
            assertTrue(t.referenceSolution().isPresent(), t.id());
            assertTrue(t.declaration().contains(" " + t.methodName() + "("), t.id());
        }
        for (CompositeTask c : BundledSuite.composites()) {
            c.allKnowledgeNoteIds().forEach(id -> assertTrue(notes.containsKey(id), c.id() + ": unknown note " + id));
            assertFalse(classes.contains(c.integrationClassName()), c.id() + ": top class clashes with a task class");
            String ref = "\n" + c.referenceSolution();
            assertTrue(ref.contains("\npublic class " + c.integrationClassName() + " {"), c.id());
            for (CodeTask t : c.subtasks()) {
                assertTrue(ref.contains("\nclass " + t.solutionClassName() + " {"), c.id() + ": " + t.id());
                assertFalse(ref.contains("public class " + t.solutionClassName() + " {"), c.id() + ": " + t.id());
            }
        }
    }

    @Test
    void referencesPassAndStubsFail() throws Exception {
        List<ForkedTestRunner.Job> jobs = new ArrayList<>();
        List<String> problems = new ArrayList<>();

        // All task references with their visible and hidden tests: one compilation (class names are unique).
        Map<String, String> refSources = new LinkedHashMap<>();
        Map<String, String> stubSources = new LinkedHashMap<>();
        List<String> refTests = new ArrayList<>();
        List<String> hiddenTests = new ArrayList<>();
        for (CodeTask t : BundledSuite.tasks()) {
            refSources.put(t.solutionClassName(), t.referenceSolution().orElseThrow());
            refSources.put(t.visibleTestClassName(), t.visibleTests());
            refSources.put(t.hiddenTestClassName(), t.hiddenTests());
            stubSources.put(t.solutionClassName(), t.declaration());
            stubSources.put(t.hiddenTestClassName(), t.hiddenTests());
            refTests.add(t.visibleTestClassName());
            refTests.add(t.hiddenTestClassName());
            hiddenTests.add(t.hiddenTestClassName());
        }
        jobs.add(new ForkedTestRunner.Job("tasks-ref", compileOrFail(refSources), refTests));
        jobs.add(new ForkedTestRunner.Job("tasks-stub", compileOrFail(stubSources), hiddenTests));

        // Each composite: the integrated reference with the integration tests and every part's own tests; the top
        // stub (parts' references + declaration of the top class) with the integration tests.
        for (CompositeTask c : BundledSuite.composites()) {
            Map<String, String> sources = new LinkedHashMap<>();
            List<String> tests = new ArrayList<>();
            sources.put(c.integrationClassName(), c.referenceSolution());
            sources.put(c.integrationTestClassName(), c.integrationTests());
            tests.add(c.integrationTestClassName());
            for (CodeTask t : c.subtasks()) {
                sources.put(t.visibleTestClassName(), t.visibleTests());
                sources.put(t.hiddenTestClassName(), t.hiddenTests());
                tests.add(t.visibleTestClassName());
                tests.add(t.hiddenTestClassName());
            }
            jobs.add(new ForkedTestRunner.Job(c.id() + "-ref", compileOrFail(sources), tests));
            List<String> stubParts = new ArrayList<>();
            c.subtasks().forEach(t -> stubParts.add(t.referenceSolution().orElseThrow()));
            stubParts.add(c.declaration());
            Map<String, String> stub = Map.of(c.integrationClassName(), SourceMerger.merge(stubParts),
                    c.integrationTestClassName(), c.integrationTests());
            jobs.add(new ForkedTestRunner.Job(c.id() + "-stub", compileOrFail(stub),
                    List.of(c.integrationTestClassName())));
        }

        Map<String, List<ForkedTestRunner.Outcome>> results =
                ForkedTestRunner.byJobAndClass(ForkedTestRunner.run(jobs, work));
        for (CodeTask t : BundledSuite.tasks()) {
            List<ForkedTestRunner.Outcome> visible = results.getOrDefault("tasks-ref/" + t.visibleTestClassName(),
                    List.of());
            List<ForkedTestRunner.Outcome> hidden = results.getOrDefault("tasks-ref/" + t.hiddenTestClassName(),
                    List.of());
            List<ForkedTestRunner.Outcome> stub = results.getOrDefault("tasks-stub/" + t.hiddenTestClassName(),
                    List.of());
            if (visible.size() < 2 || visible.size() > 3) {
                problems.add(t.id() + ": expected 2-3 visible tests, actual " + visible.size());
            }
            if (hidden.size() < 5) {
                problems.add(t.id() + ": expected >= 5 hidden tests, actual " + hidden.size());
            }
            visible.stream().filter(o -> !o.passed()).forEach(o -> problems.add(t.id() + " reference fails visible "
                    + o.method() + ": " + o.message()));
            hidden.stream().filter(o -> !o.passed()).forEach(o -> problems.add(t.id() + " reference fails hidden "
                    + o.method() + ": " + o.message()));
            if (stub.size() != hidden.size()) {
                problems.add(t.id() + ": stub ran " + stub.size() + " hidden tests, expected " + hidden.size());
            }
            stub.stream().filter(ForkedTestRunner.Outcome::passed).forEach(o -> problems.add(t.id()
                    + ": declaration stub passes hidden " + o.method()));
        }
        for (CompositeTask c : BundledSuite.composites()) {
            List<ForkedTestRunner.Outcome> integration = results.getOrDefault(c.id() + "-ref/"
                    + c.integrationTestClassName(), List.of());
            if (integration.size() < 3) {
                problems.add(c.id() + ": expected >= 3 integration tests, actual " + integration.size());
            }
            results.forEach((key, outcomes) -> {
                if (key.startsWith(c.id() + "-ref/")) {
                    outcomes.stream().filter(o -> !o.passed()).forEach(o -> problems.add(c.id()
                            + " integrated reference fails " + o.testClass() + "." + o.method() + ": " + o.message()));
                }
            });
            int partTests = c.subtasks().size() * 2;
            long ran = results.keySet().stream().filter(k -> k.startsWith(c.id() + "-ref/")).count();
            if (ran != partTests + 1) {
                problems.add(c.id() + ": expected " + (partTests + 1) + " test classes run, actual " + ran);
            }
            List<ForkedTestRunner.Outcome> stub = results.getOrDefault(c.id() + "-stub/"
                    + c.integrationTestClassName(), List.of());
            if (stub.size() != integration.size()) {
                problems.add(c.id() + ": stub ran " + stub.size() + " integration tests");
            }
            stub.stream().filter(ForkedTestRunner.Outcome::passed).forEach(o -> problems.add(c.id()
                    + ": top-level stub passes integration " + o.method()));
        }
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
    }

    private static Map<String, byte[]> compileOrFail(Map<String, String> sources) {
        InMemoryCompiler.Result r = InMemoryCompiler.compile(sources);
        assertTrue(r.ok(), "compilation failed:\n" + String.join("\n", r.errors()));
        return r.classes();
    }
}

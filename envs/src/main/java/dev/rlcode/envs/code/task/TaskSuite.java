package dev.rlcode.envs.code.task;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A suite of tasks, composites and notes in the bundled format, read from the classpath ({@link BundledSuite}) or from
 * a directory a user gives ({@link #load(Path)}).
 *
 * <h2>Format</h2>
 * <pre>
 * tasks/index.txt                  one task directory name per line ('#' starts a comment)
 * tasks/&lt;id&gt;/task.json           {"id", "tier": EASY|MEDIUM|HARD, "prompt", "entryPoint": "Class.method",
 *                                   "signature": "public static int f(int[] xs)", "imports": [...], "noteIds": [...]}
 * tasks/&lt;id&gt;/Class.java           reference solution: public class Class
 * tasks/&lt;id&gt;/ClassVisibleTests.java  the prompt's examples, public static void testXxx() methods
 * tasks/&lt;id&gt;/ClassHiddenTests.java   thorough tests, same style
 * composites/index.txt             one composite directory name per line
 * composites/&lt;id&gt;/composite.json  {"id", "tier", "prompt", "parts": [task ids], "entryPoint": "Top.method",
 *                                   "signature", "imports", "noteIds"}
 * composites/&lt;id&gt;/Top.java         reference top-level class (calls the parts)
 * composites/&lt;id&gt;/TopIntegrationTests.java
 * composites/&lt;id&gt;/&lt;part id&gt;/...    a part used only by this composite, laid out as a task (else parts are
 *                                   looked up among tasks/)
 * notes/notes.jsonl                one note per line: {"id", "title", "text", "tags": [...]}
 * </pre>
 * Missing {@code composites/index.txt} or {@code notes/notes.jsonl} mean none. Every note id a task or composite
 * names must exist when the suite has notes.
 *
 * <p>A task's {@link CodeTask#prompt()} is the {@code prompt} text followed by its declaration (the class with the
 * signature and a throwing body), which is also {@link CodeTask#declaration()}.
 *
 * @param tasks      the tasks, in index order
 * @param composites the composites, in index order
 * @param notes      the notes, in file order
 */
public record TaskSuite(List<CodeTask> tasks, List<CompositeTask> composites, List<KnowledgeNote> notes) {

    /** @throws NullPointerException if any list is null */
    public TaskSuite {
        tasks = List.copyOf(tasks);
        composites = List.copyOf(composites);
        notes = List.copyOf(notes);
    }

    /**
     * Loads a suite from a directory laid out as described above.
     *
     * @param root the directory containing {@code tasks/}
     * @return the suite
     * @throws TaskFormatException  if a file is malformed (message names file, line and field)
     * @throws UncheckedIOException if a file cannot be read or {@code tasks/index.txt} is missing
     */
    public static TaskSuite load(Path root) {
        return load(relative -> {
            Path p = root.resolve(relative);
            if (!Files.isRegularFile(p)) {
                return Optional.empty();
            }
            try {
                return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p, e);
            }
        }, root.toString());
    }

    /** Loads a suite from classpath resources under {@code base} (e.g. {@code /dev/rlcode/envs/code/}). */
    static TaskSuite loadClasspath(Class<?> anchor, String base) {
        return load(relative -> {
            try (InputStream in = anchor.getResourceAsStream(base + relative)) {
                return in == null ? Optional.empty()
                        : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read resource " + base + relative, e);
            }
        }, "classpath:" + base);
    }

    /** {@return the task with this id} @throws java.util.NoSuchElementException if there is none */
    public CodeTask task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new java.util.NoSuchElementException("no task '" + id + "'"));
    }

    /** {@return the tasks of one tier, in suite order} */
    public List<CodeTask> tasks(Tier tier) {
        return tasks.stream().filter(t -> t.tier() == tier).toList();
    }

    /** {@return the notes by id, in file order} */
    public Map<String, KnowledgeNote> notesById() {
        Map<String, KnowledgeNote> map = new LinkedHashMap<>();
        notes.forEach(n -> map.put(n.id(), n));
        return map;
    }

    /** Reads a file of the suite by its path relative to the root; empty when absent. */
    @FunctionalInterface
    interface Source {
        Optional<String> read(String relative);
    }

    private static TaskSuite load(Source src, String where) {
        List<KnowledgeNote> notes = src.read("notes/notes.jsonl")
                .map(text -> NotesLoader.parse("notes/notes.jsonl", text)).orElse(List.of());
        Set<String> noteIds = new HashSet<>();
        notes.forEach(n -> noteIds.add(n.id()));

        String taskIndex = src.read("tasks/index.txt").orElseThrow(() -> new UncheckedIOException(
                new IOException("missing tasks/index.txt in " + where)));
        List<CodeTask> tasks = new ArrayList<>();
        Map<String, CodeTask> byId = new HashMap<>();
        for (IndexEntry entry : index("tasks/index.txt", taskIndex)) {
            CodeTask task = TaskDirectory.readTask(src, "tasks/" + entry.name() + "/", entry.name(), noteIds);
            if (byId.putIfAbsent(task.id(), task) != null) {
                throw new TaskFormatException("tasks/index.txt", entry.line(), null,
                        "expected unique task ids, actual '" + task.id() + "' twice");
            }
            tasks.add(task);
        }

        List<CompositeTask> composites = new ArrayList<>();
        Set<String> compositeIds = new HashSet<>();
        Optional<String> compositeIndex = src.read("composites/index.txt");
        if (compositeIndex.isPresent()) {
            for (IndexEntry entry : index("composites/index.txt", compositeIndex.get())) {
                CompositeTask c = TaskDirectory.readComposite(src, "composites/" + entry.name() + "/", entry.name(),
                        byId, noteIds);
                if (!compositeIds.add(c.id())) {
                    throw new TaskFormatException("composites/index.txt", entry.line(), null,
                            "expected unique composite ids, actual '" + c.id() + "' twice");
                }
                composites.add(c);
            }
        }
        return new TaskSuite(tasks, composites, notes);
    }

    record IndexEntry(String name, int line) {
    }

    private static List<IndexEntry> index(String file, String text) {
        List<IndexEntry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String s = lines[i];
            int hash = s.indexOf('#');
            s = (hash >= 0 ? s.substring(0, hash) : s).strip();
            if (s.isEmpty()) {
                continue;
            }
            if (!s.matches("[A-Za-z0-9._-]+") || s.startsWith(".")) {
                throw new TaskFormatException(file, i + 1, null, "expected a directory name, actual '" + s + "'");
            }
            entries.add(new IndexEntry(s, i + 1));
        }
        return entries;
    }
}
